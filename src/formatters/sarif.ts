import { UserError } from '../engine/errors.js';
import type { Formatter } from './types.js';

export const formatSarif: Formatter = () => {
  throw new UserError('the sarif format is not available yet');
};
