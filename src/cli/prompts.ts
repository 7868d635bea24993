/**
 * Every prompt of cdrisk, in one place: the only module that imports the
 * prompt library, loaded lazily by `cdrisk questionnaire` alone. Each prompt
 * has a name, so that tests can answer them by name through a mock of this
 * interface (see test/questionnaire.test.ts).
 */
// The five prompt packages, not the @inquirer/prompts barrel: the barrel also pulls in the editor prompt
// and its encoding tables (iconv-lite, some 600 KB of bundle) that cdrisk never uses.
import checkbox from '@inquirer/checkbox';
import confirm from '@inquirer/confirm';
import input from '@inquirer/input';
import search from '@inquirer/search';
import select, { Separator } from '@inquirer/select';

export interface PromptChoice {
  value: string;
  name: string;
  description?: string;
  /** Heading the choice is listed under (multi-select only). */
  group?: string;
}

export interface Prompter {
  /** Prints a line between prompts (step headings, help lines). */
  say(text: string): void;
  /** Free text; returns "" when the answer is empty and there is no default. */
  text(o: { name: string; message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  /** One value out of a list. */
  choose(o: { name: string; message: string; choices: PromptChoice[]; default?: string }): Promise<string>;
  /** Any number of values out of a list. */
  multi(o: { name: string; message: string; choices: PromptChoice[]; checked?: readonly string[] }): Promise<string[]>;
  /** Yes or no. */
  confirm(o: { name: string; message: string; default: boolean }): Promise<boolean>;
  /** Type to filter a long list, Enter picks the highlighted entry. */
  search(o: { name: string; message: string; source: (term: string) => PromptChoice[] }): Promise<string>;
}

export interface PromptStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

export function terminalPrompter(io: PromptStreams): Prompter {
  const context = { input: io.stdin, output: io.stdout, clearPromptOnDone: false };
  const page = Math.max(7, Math.min(15, ((io.stdout as NodeJS.WriteStream).rows ?? 24) - 8));
  return {
    say: (text) => void io.stdout.write(`${text}\n`),
    text: (o) => input({ message: o.message, default: o.default, validate: o.validate }, context),
    choose: (o) =>
      select<string>(
        {
          message: o.message,
          choices: o.choices.map(({ value, name, description }) => ({ value, name, description })),
          default: o.default,
          loop: false,
          pageSize: page,
        },
        context,
      ),
    multi: (o) => {
      const checked = new Set(o.checked ?? []);
      const choices: (Separator | { value: string; name: string; short: string; description?: string; checked: boolean })[] = [];
      let heading: string | undefined;
      for (const c of o.choices) {
        if (c.group && c.group !== heading) choices.push(new Separator(`-- ${(heading = c.group)} --`));
        // The answer line repeats the labels ticked, not their ids.
        choices.push({ value: c.value, name: c.name, short: c.name, description: c.description, checked: checked.has(c.value) });
      }
      return checkbox<string>({ message: o.message, choices, loop: false, pageSize: page }, context);
    },
    confirm: (o) => confirm({ message: o.message, default: o.default }, context),
    search: (o) =>
      search<string>(
        {
          message: o.message,
          source: (term) => o.source(term ?? '').map(({ value, name }) => ({ value, name })),
          pageSize: Math.min(page, 8),
        },
        context,
      ),
  };
}
