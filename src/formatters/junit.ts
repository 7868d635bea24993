import { UserError } from '../engine/errors.js';
import type { Formatter } from './types.js';

export const formatJunit: Formatter = () => {
  throw new UserError('the junit format is not available yet');
};
