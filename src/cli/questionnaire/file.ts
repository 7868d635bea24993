// The partnership file of the interview: reading the one --from reopens,
// choosing where to write (never replacing a file unasked), its text with the
// header, and an atomic write.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fsProblem, readInputFile } from '../../load/read-input.js';
import { writeFileAtomic } from '../write-atomic.js';
import { stringify } from 'yaml';
import type { EngineContext } from '../../engine/context.js';
import type { Say } from '../../formatters/say.js';
import { assessBytes } from '../../engine/run.js';
import { UserError } from '../../shared/errors.js';
import type { Prompter } from '../prompts.js';
import type { Obj } from './answers.js';

/** The answers of the file --from names (the interview's defaults) and its information gaps (asked first). */
export function reopen(from: string, cwd: string, ctx: EngineContext): { start: Obj; gaps: string[] } {
  const read = readInputFile(resolve(cwd, from), ctx.limits.maxBytes);
  if ('problem' in read) throw new UserError(read.problem, { file: from });
  const bytes = read.bytes;
  const loaded = ctx.loader.load(from, bytes);
  if (!loaded.ok) {
    const e = loaded.errors[0];
    throw new UserError(`${e.message} (fix the file, then run questionnaire --from again)`, { file: from, line: e.line, column: e.column });
  }
  return { start: loaded.partnership as unknown as Obj, gaps: [...new Set(assessBytes(from, bytes, ctx).gaps.map((g) => g.path))] };
}

/**
 * Where to write: `target`, unless it exists and the user (asked, without
 * --force) would rather not replace it; then the file they name instead.
 * Undefined when they name none.
 */
export async function chooseTarget(
  target: string,
  opts: { force?: boolean; from?: string },
  cwd: string,
  prompt: Prompter,
  shown: (file: string) => string,
  say: Say,
): Promise<string | undefined> {
  if (opts.force) return target;
  while (existsSync(target)) {
    const overwrite = await prompt.confirm({
      name: 'overwrite',
      message: say(opts.from && target === opts.from ? 'questionnaire.file.exists-comments' : 'questionnaire.file.exists', {
        file: shown(target),
      }),
      default: false,
    });
    if (overwrite) break;
    const other = await prompt.text({
      name: 'other-file',
      message: say('questionnaire.file.other'),
      default: freeName(target),
    });
    if (!other.trim()) return undefined;
    target = resolve(cwd, /\.ya?ml$/i.test(other.trim()) ? other.trim() : `${other.trim()}.yaml`);
  }
  return target;
}

/** The file's text: a header in the interview's language (labels questionnaire.header.*), then the YAML. */
export function fileText(content: Obj, today: string, file: string, open: readonly string[], say: Say): string {
  const header = [
    say('questionnaire.header.written', { today }),
    say('questionnaire.header.assess', { file }),
    say('questionnaire.header.gaps'),
    say('questionnaire.header.format'),
    ...open.map((question) => say('questionnaire.header.open', { question })),
  ].join('\n');
  return `${header}\n${stringify(content, { lineWidth: 0 })}`;
}

/** Writes beside the target, flushes and renames, so that a reader never sees half a file. */
export function writeAtomically(file: string, text: string): void {
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    throw new UserError(`cannot write ${file}: ${fsProblem((err as NodeJS.ErrnoException).code)}`);
  }
}

/** The first "<name>-N.yaml" beside the file that does not exist yet. */
export function freeName(file: string): string {
  const m = /^(.*?)(\.ya?ml)?$/.exec(basename(file))!;
  for (let n = 2; ; n++) {
    const candidate = join(dirname(file), `${m[1]}-${n}${m[2] ?? '.yaml'}`);
    if (!existsSync(candidate)) return basename(candidate);
  }
}
