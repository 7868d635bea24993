// `cdrisk questionnaire`, the command flow: refuse without a terminal,
// interview (./questionnaire/interview.ts), choose the file and write it
// (./questionnaire/file.ts), then show its assessment.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { assessBytes, buildReport } from '../../engine/run.js';
import { formatters } from '../../formatters/index.js';
import { makeSay } from '../../formatters/say.js';
import { decodeText, parseYaml } from '../../load/yaml-source.js';
import { questionnaireSchema, type Questionnaire } from '../../rules/questionnaire-schema.js';
import type { Lang } from '../../rules/i18n.js';
import { packageRoot } from '../package-root.js';
import { colourEnabled, makeChalk } from '../output.js';
import type { Prompter } from '../prompts.js';
import type { Obj } from '../questionnaire/answers.js';
import { isCancel } from '../questionnaire/cancel.js';
import { chooseTarget, fileText, reopen, writeAtomically } from '../questionnaire/file.js';
import { Interview } from '../questionnaire/interview.js';

export { kebab, parseNumber } from '../questionnaire/answers.js';
export { Interview, touches } from '../questionnaire/interview.js';
export { fileText, writeAtomically } from '../questionnaire/file.js';

export interface QuestionnaireOptions {
  out?: string;
  from?: string;
  /** A draft agreement whose clauses pre-fill the answers (src/cli/drafts.ts). */
  agreement?: string;
  force?: boolean;
  color?: boolean;
  /** --rules directories, whose i18n/ catalogues may translate the questions too. */
  rules?: string[];
}

export interface QuestionnaireIo {
  stdout: NodeJS.WritableStream & { columns?: number; isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Why the questionnaire refuses to start, or undefined when it may prompt. */
export function noTerminalReason(io: Pick<QuestionnaireIo, 'stdin' | 'env'>): string | undefined {
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return 'CI is set';
  if (io.stdin.isTTY !== true) return 'standard input is not a terminal';
  return undefined;
}

export const NO_TERMINAL_MESSAGE = (reason: string) =>
  `cdrisk: questionnaire is an interview and needs a terminal (${reason}).\n` +
  'Without one, write the partnership file by hand (see "Partnership file" in the README,\n' +
  'or `cdrisk schema` for its JSON Schema) and check it with `cdrisk assess FILE`.\n';

/** Reads and validates rules/questionnaire.yaml. */
export function loadQuestionnaire(file = join(packageRoot(), 'rules', 'questionnaire.yaml')): Questionnaire {
  const decoded = decodeText(readFileSync(file));
  if ('problem' in decoded) throw new UserError(decoded.problem.message, { file });
  const parsed = parseYaml(file, decoded.text);
  if (!parsed.ok)
    throw new UserError(parsed.problems[0].message, { file, line: parsed.problems[0].line, column: parsed.problems[0].column });
  const result = questionnaireSchema.safeParse(parsed.source.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UserError(`${issue.path.join('.') || 'file'}: ${issue.message}`, {
      file,
      ...parsed.source.locate(issue.path as (string | number)[]),
    });
  }
  return result.data;
}

export interface InterviewOutcome {
  code: number;
  file?: string;
  questions: number;
}

/** The whole command once a terminal is known to be there: interview, write, assess. */
export async function runQuestionnaire(
  opts: QuestionnaireOptions,
  ctx: EngineContext,
  io: QuestionnaireIo,
  prompt: Prompter,
  questionnaire: Questionnaire = loadQuestionnaire(),
): Promise<InterviewOutcome> {
  const chalk = makeChalk(colourEnabled(io.stdout as NodeJS.WriteStream, opts.color === false ? false : undefined, io.env));
  const cwd = io.cwd ?? process.cwd();
  const say = makeSay(ctx.rules, ctx.lang);
  const reopened = opts.from ? reopen(opts.from, cwd, ctx) : { start: {}, gaps: [] };
  let start: Obj = reopened.start;
  const gaps = reopened.gaps;

  if (opts.agreement) {
    const pre = await (await import('../drafts.js')).prefillFromDraft(start, resolve(cwd, opts.agreement), ctx.words);
    start = pre.start;
    for (const m of pre.messages) prompt.say(m);
  }
  const interview = new Interview(questionnaire, ctx, prompt, chalk.dim, start);
  if (opts.from) {
    prompt.say(
      gaps.length
        ? say('questionnaire.reopen.gaps', { file: opts.from, count: gaps.length })
        : say('questionnaire.reopen.none', { file: opts.from }),
    );
    const first = gaps.length ? await interview.run(undefined, { gaps }) : new Set<string>();
    const review = await prompt.confirm({ name: 'review-rest', message: say('questionnaire.reopen.review'), default: false });
    if (review) await interview.run((q) => !first.has(q.id));
  } else {
    prompt.say(
      chalk.bold(
        say('questionnaire.greeting', { steps: countWord(Object.keys(questionnaire.steps).length, say('questionnaire.greeting.numbers')) }),
      ),
    );
    prompt.say(chalk.dim(say('questionnaire.greeting.intro')));
    await interview.run();
  }

  const content = interview.result();
  const id = String(content.id);
  const shown = (f: string) => (f.startsWith(`${cwd}/`) ? f.slice(cwd.length + 1) : f);
  const target = await chooseTarget(
    resolve(cwd, opts.out ?? opts.from ?? `${id}.yaml`),
    { ...opts, from: opts.from && resolve(cwd, opts.from) },
    cwd,
    prompt,
    shown,
    say,
  );
  if (target === undefined) {
    io.stderr.write(`${say('questionnaire.done.nothing')}\n`);
    return { code: 1, questions: interview.count };
  }

  const text = fileText(content, ctx.today, shown(target), [...interview.openQuestions.values()], say);
  const check = ctx.loader.load(target, new TextEncoder().encode(text));
  if (!check.ok) throw new Error(`the questionnaire produced an invalid file: ${check.errors.map((e) => e.message).join('; ')}`);
  writeAtomically(target, text);
  prompt.say(`\n${say('questionnaire.done.wrote', { file: shown(target), count: interview.count })}\n`);

  const report = buildReport([assessBytes(shown(target), new TextEncoder().encode(text), ctx)]);
  io.stdout.write((await formatters.table())(report, { chalk, rules: ctx.rules, width: io.stdout.columns }));
  return { code: 0, file: target, questions: interview.count };
}

/** Entry point from run.ts: refuses without a terminal, loads the prompt library only now. */
export async function questionnaireCommand(
  opts: QuestionnaireOptions,
  io: QuestionnaireIo & { stdin: NodeJS.ReadableStream },
  loadCtx: () => EngineContext | Promise<EngineContext>,
  makePrompter: () => Promise<Prompter> = async () =>
    (await import('../prompts.js')).terminalPrompter({ stdin: io.stdin, stdout: io.stdout }),
): Promise<number> {
  const reason = noTerminalReason(io);
  if (reason) {
    io.stderr.write(NO_TERMINAL_MESSAGE(reason));
    return 2;
  }
  const ctx = await loadCtx();
  const prompter = await makePrompter();
  let questionnaire = loadQuestionnaire();
  if (ctx.lang !== 'en') {
    const { localiseInterview } = await import('../localise.js');
    const dirs = [join(packageRoot(), 'rules'), ...(opts.rules ?? []).map((d) => resolve(d))];
    questionnaire = localiseInterview(questionnaire, ctx.rules, ctx.lang as Lang, dirs);
  }
  try {
    return (await runQuestionnaire(opts, ctx, io, prompter, questionnaire)).code;
  } catch (err) {
    if (isCancel(err)) {
      io.stderr.write(`\n${makeSay(ctx.rules, ctx.lang)('questionnaire.done.interrupted')}\n`);
      return 130;
    }
    throw err;
  }
}

/** Small counts in words, as the interview's greeting says them ("in three steps"): `words` lists one to nine, space-separated. */
function countWord(n: number, words: string): string {
  return words.split(' ')[n - 1] ?? String(n);
}
