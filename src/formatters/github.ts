import { UserError } from '../engine/errors.js';
import type { Formatter } from './types.js';

export const formatGithub: Formatter = () => {
  throw new UserError('the github format is not available yet');
};
