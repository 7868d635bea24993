/**
 * The name @inquirer/prompts gives the error it throws on Ctrl+C: the one
 * place cdrisk knows it. Kept apart from src/cli/prompts.ts so that checking
 * for a cancel does not load the prompt library.
 */
export const CANCELLED = 'ExitPromptError';

/** Whether a prompt was cancelled (Ctrl+C) rather than answered. */
export function isCancel(err: unknown): boolean {
  return err instanceof Error && err.name === CANCELLED;
}
