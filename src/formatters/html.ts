import { UserError } from '../engine/errors.js';
import type { Formatter } from './types.js';

export const formatHtml: Formatter = () => {
  throw new UserError('the html format is not available yet');
};
