// The interview: asks the questions of rules/questionnaire.yaml in order,
// follows their branches and fills a draft partnership. No file I/O.
import type { EngineContext } from '../../engine/context.js';
import { makeSay, type Say } from '../../formatters/say.js';
import { evaluate } from '../../engine/condition.js';
import { factsOf } from '../../engine/normalise.js';
import { isRealDate, type Partnership } from '../../load/partnership-schema.js';
import type { Question, Questionnaire } from '../../rules/questionnaire-schema.js';
import type { PromptChoice, Prompter } from '../prompts.js';
import {
  DONT_KNOW,
  ID_PATTERN,
  dontKnowChoice,
  UNKNOWN,
  getAt,
  isDontKnow as dontKnow,
  kebab,
  known,
  parseNumber,
  setAt,
  triChoices,
  type Obj,
} from './answers.js';

/** Whether an information gap of the assessment is about this question (or inside it). */
export function touches(gap: string, pattern: string): boolean {
  return (
    gap === pattern ||
    gap.startsWith(`${pattern}.`) ||
    gap.startsWith(`${pattern}[]`) ||
    pattern.startsWith(`${gap}.`) ||
    pattern.startsWith(`${gap}[]`)
  );
}

export interface Mode {
  /** Ask only the questions these gaps are about (first pass of --from). */
  gaps?: readonly string[];
}

/** The interview itself: asks, branches and fills a draft partnership. No file I/O. */
export class Interview {
  readonly draft: Obj;
  /**
   * Sections answered "don't know": written `unknown` (a left-out section reads
   * "none"), and named in the file's header.
   */
  readonly openQuestions = new Map<string, string>();
  private lastStep = 0;
  private asked = 0;
  /** The interview's own lines (labels questionnaire.*), in the language of the rule set. */
  private readonly say: Say;

  constructor(
    private readonly q: Questionnaire,
    private readonly ctx: EngineContext,
    private readonly prompt: Prompter,
    private readonly dim: (s: string) => string,
    start: Obj = {},
  ) {
    this.draft = structuredClone(start);
    this.say = makeSay(ctx.rules, ctx.lang);
    this.reopened = Object.keys(start).length > 0;
    // The interview asks for an amount and a currency: a file's value_eur becomes agreement.value in euros.
    // (A file that gives agreement.value is read with value_eur derived from it: drop that copy.)
    const agreement = this.draft.agreement as Obj | undefined;
    if (agreement && known(agreement.value_eur) && !known(agreement.value))
      agreement.value = { amount: agreement.value_eur, currency: 'EUR' };
    if (agreement && known(agreement.value)) delete agreement.value_eur;
  }

  /** A reopened file that leaves a section out said "none"; a new interview knows nothing yet. */
  private readonly reopened: boolean;

  get count(): number {
    return this.asked;
  }

  /** Asks the top-level questions in order; returns the ids asked. */
  async run(filter?: (q: Question) => boolean, mode: Mode = {}): Promise<Set<string>> {
    const done = new Set<string>();
    // Follow-ups the file already opened are not new: on review they wait for a gap like any question.
    const openAtStart = new Set(this.q.questions.filter((x) => x.when !== undefined && this.applies(x)).map((x) => x.id));
    for (const question of this.q.questions) {
      if (filter && !filter(question)) continue;
      if (!this.applies(question)) continue;
      // On review, the gaps come first, and so do follow-ups that earlier answers just opened.
      const opened = question.when !== undefined && !openAtStart.has(question.id) && !known(getAt(this.draft, question.path));
      if (mode.gaps && !opened && !mode.gaps.some((g) => [question.path, ...(question.fills ?? [])].some((p) => touches(g, p)))) continue;
      await this.ask(question, this.draft, question.path, question.path, question.step ?? 1, question.id, mode);
      done.add(question.id);
    }
    return done;
  }

  private applies(q: Question): boolean {
    return q.when === undefined || evaluate(q.when, factsOf(this.draft as unknown as Partnership), this.ctx).truth === 'true';
  }

  private heading(step: number): void {
    if (step === this.lastStep) return;
    this.lastStep = step;
    const s = this.q.steps[String(step)];
    this.prompt.say(
      `\n${this.say('questionnaire.step', { step, steps: Object.keys(this.q.steps).length, title: s.title, intro: this.dim(s.intro) })}`,
    );
  }

  /**
   * Asks one question and stores the answer in `target` at `path` (relative),
   * `pattern` being its full rule path ("activities[].sectors").
   */
  private async ask(q: Question, target: Obj, path: string, pattern: string, step: number, name: string, mode: Mode): Promise<void> {
    this.heading(step);
    const current = getAt(target, path);
    const set = (v: unknown) => setAt(target, path, v);
    const say = this.say;
    const isDontKnow = (s: string) => dontKnow(s, say);
    this.prompt.say(this.dim(`  ${q.why}`));
    this.asked++;
    switch (q.kind) {
      case 'text':
      case 'id': {
        const fallback = q.kind === 'id' && !known(current) ? kebab(String(this.draft.title ?? '')) : undefined;
        const def = known(current) ? String(current) : fallback;
        const hint = q.required ? '' : this.dim(say(def !== undefined ? 'questionnaire.hint.clear' : 'questionnaire.hint.skip'));
        const answer = await this.prompt.text({
          name,
          message: q.ask + hint,
          default: def,
          validate: (v) => {
            if (q.required && v.trim() === '') return say('questionnaire.invalid.required-text');
            if (q.kind === 'id' && !ID_PATTERN.test(v.trim())) return say('questionnaire.invalid.id');
            if (q.pattern && v.trim() !== '' && !isDontKnow(v) && !new RegExp(`^(?:${q.pattern})$`).test(v.trim().toUpperCase()))
              return q.hint ?? say('questionnaire.invalid.pattern', { pattern: q.pattern });
            const prefix = q.prefix_of ? getAt(this.draft, q.prefix_of) : undefined;
            if (
              q.prefix_of &&
              known(prefix) &&
              v.trim() !== '' &&
              !isDontKnow(v) &&
              !v
                .trim()
                .toUpperCase()
                .startsWith(`${String(prefix)}-`)
            ) {
              return say('questionnaire.invalid.prefix', { prefix: String(prefix), field: q.prefix_of });
            }
            return true;
          },
        });
        const v = q.pattern ? answer.trim().toUpperCase() : answer.trim();
        set(v === '' || (!q.required && isDontKnow(v)) ? undefined : v);
        return;
      }
      case 'number':
      case 'date': {
        const def = known(current) ? String(current) : undefined;
        const words = q.words ?? [];
        const isWord = (raw: string) => words.find((w) => w === raw.trim().toLowerCase());
        const form =
          q.kind === 'date'
            ? say('questionnaire.form.date')
            : [say('questionnaire.form.number'), ...words].join(say('questionnaire.form.or'));
        const hint = this.dim(say(def !== undefined ? 'questionnaire.hint.form-clear' : 'questionnaire.hint.form-skip', { form }));
        const answer = await this.prompt.text({
          name,
          message: q.ask + hint,
          default: def,
          validate: (raw) => {
            if (raw.trim() === '' || isDontKnow(raw)) return q.required ? say('questionnaire.invalid.required') : true;
            if (q.kind === 'date')
              return /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && isRealDate(raw.trim()) ? true : say('questionnaire.invalid.date');
            if (isWord(raw)) return true;
            const n = parseNumber(raw);
            if (n === undefined)
              return say('questionnaire.invalid.number', {
                words: words.map((word) => say('questionnaire.invalid.number-word', { word })).join(''),
              });
            if (q.integer && !Number.isInteger(n)) return say('questionnaire.invalid.integer');
            if (q.min !== undefined && n < q.min) return say('questionnaire.invalid.min', { min: q.min });
            if (q.max !== undefined && n > q.max) return say('questionnaire.invalid.max', { max: q.max });
            return true;
          },
        });
        const raw = answer.trim();
        if (raw === '' || isDontKnow(raw)) set(undefined);
        else set(q.kind === 'date' ? raw : (isWord(raw) ?? parseNumber(raw)));
        return;
      }
      case 'list': {
        const def = Array.isArray(current) && current.length ? current.join('; ') : undefined;
        const answer = await this.prompt.text({
          name,
          message: q.ask + this.dim(say(def ? 'questionnaire.hint.clear' : 'questionnaire.hint.skip')),
          default: def,
        });
        const items = isDontKnow(answer)
          ? []
          : answer
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean);
        set(items.length ? items : undefined);
        return;
      }
      case 'country': {
        const value = await this.prompt.search({
          name,
          message: q.ask,
          source: (term) => this.countryChoices(term, known(current) ? String(current) : undefined),
        });
        set(value === UNKNOWN && !q.required ? undefined : value);
        return;
      }
      case 'confirm': {
        const value = await this.prompt.choose({
          name,
          message: q.ask,
          choices: triChoices(say),
          default: current === true ? 'yes' : current === false ? 'no' : DONT_KNOW,
        });
        set(value === 'yes' ? true : value === 'no' ? false : undefined);
        return;
      }
      case 'select': {
        const { choices, hasUnknown } = this.choicesFor(q);
        const all = q.required || hasUnknown ? choices : [dontKnowChoice(say), ...choices];
        const def = known(current) ? String(current) : q.required ? undefined : hasUnknown ? UNKNOWN : DONT_KNOW;
        const value = await this.prompt.choose({ name, message: q.ask, choices: all, default: def });
        set(value === DONT_KNOW || value === UNKNOWN ? undefined : value);
        return;
      }
      case 'multi': {
        const { choices } = this.choicesFor(q);
        const checked = Array.isArray(current) ? (current as string[]) : [];
        const value = await this.prompt.multi({ name, message: q.ask + this.dim(say('questionnaire.hint.tick')), choices, checked });
        // Nothing ticked says nothing: the field stays unknown, unless the file already said "none".
        set(value.length ? value : Array.isArray(current) && current.length === 0 ? [] : undefined);
        return;
      }
      case 'section': {
        const exists = current !== undefined && current !== null && typeof current === 'object';
        const def = exists ? 'yes' : current === UNKNOWN || !this.reopened || (q.none && current !== q.none) ? DONT_KNOW : 'no';
        const value = await this.prompt.choose({ name, message: q.ask, choices: triChoices(say), default: def });
        this.openQuestions.delete(pattern);
        if (value === 'no') {
          // A section whose absence is unknown (investment) is written `none` on a "no".
          set(q.none);
          return;
        }
        if (value === DONT_KNOW) {
          // `unknown` keeps it an open question, named in the file's header. Where a
          // left-out section already reads unknown (investment), a reopened file keeps it left out.
          this.openQuestions.set(pattern, q.ask);
          set(q.none && this.reopened && current === undefined ? undefined : UNKNOWN);
          return;
        }
        const section = exists ? (current as Obj) : {};
        set(section);
        for (const child of q.questions ?? []) {
          const childPattern = `${pattern}.${child.path}`;
          if (!this.applies(child)) continue;
          if (mode.gaps && known(getAt(section, child.path))) continue;
          await this.ask(child, section, child.path, childPattern, step, child.id, mode);
        }
        return;
      }
      case 'group': {
        const items = Array.isArray(current) ? (current as Obj[]) : [];
        if (!Array.isArray(current)) set(items);
        for (const [i, item] of items.entries()) {
          this.prompt.say(say('questionnaire.item', { item: q.item ?? '', n: i + 1, count: items.length }));
          await this.askItem(q, item, pattern, step, i + 1, mode);
        }
        for (let n = items.length + 1; ; n++) {
          const more = await this.prompt.confirm({ name: `${q.id}#${n}`, message: n === 1 ? q.ask : q.again!, default: false });
          if (!more) break;
          const item: Obj = {};
          items.push(item);
          await this.askItem(q, item, pattern, step, n, {});
        }
        if (!items.length) set(Array.isArray(current) ? current : undefined);
        return;
      }
    }
  }

  private async askItem(q: Question, item: Obj, pattern: string, step: number, n: number, mode: Mode): Promise<void> {
    for (const child of q.questions ?? []) {
      if (!this.applies(child)) continue;
      if (mode.gaps && known(getAt(item, child.path))) continue;
      await this.ask(child, item, child.path, `${pattern}[].${child.path}`, step, `${child.id}#${n}`, mode);
    }
  }

  private choicesFor(q: Question): { choices: PromptChoice[]; hasUnknown: boolean } {
    const r = this.ctx.rules;
    const ref = q.choices!;
    if (ref === 'sectors') {
      const choices = Object.values(r.sectors.groups).flatMap((g) => g.sectors.map((s) => ({ value: s, name: s, group: g.name })));
      return { choices, hasUnknown: false };
    }
    if (ref === 'currencies') {
      // The euro first, then every ISO 4217 code by code.
      const codes = Object.entries(r.currencies.codes).sort(([a], [b]) => (a === 'EUR' ? -1 : b === 'EUR' ? 1 : a.localeCompare(b)));
      return { choices: codes.map(([code, name]) => ({ value: code, name: `${code} ${name}` })), hasUnknown: false };
    }
    if (ref === 'mitigations') {
      return {
        choices: Object.entries(r.mitigations).map(([id, m]) => ({ value: id, name: m.title, description: m.description })),
        hasUnknown: false,
      };
    }
    const vocab = (r.vocabulary as Record<string, Record<string, string>>)[ref.slice('vocabulary.'.length)];
    if (!vocab) throw new Error(`questionnaire: no vocabulary ${ref}`);
    const entries = Object.entries(vocab);
    const unknownLast = [...entries.filter(([k]) => k === UNKNOWN), ...entries.filter(([k]) => k !== UNKNOWN)];
    return {
      choices: unknownLast.map(([value, name]) => ({ value, name: value === UNKNOWN ? this.say('questionnaire.choice.dont-know') : name })),
      hasUnknown: UNKNOWN in vocab,
    };
  }

  /** Countries matching what was typed, found by the same lookup as the file loader; "Not known" is always offered. */
  private countryChoices(term: string, current: string | undefined): PromptChoice[] {
    const countries = this.ctx.rules.countries.countries;
    const label = (code: string) => {
      const c = countries.find((x) => x.code === code);
      return c ? `${c.name} (${c.code})` : code;
    };
    const notKnown: PromptChoice = { value: UNKNOWN, name: this.say('questionnaire.choice.not-known') };
    const t = term.trim().toLowerCase();
    if (!t) {
      const first = current ? [{ value: current, name: label(current) }] : [];
      return [...first, notKnown, ...countries.filter((c) => c.code !== current).map((c) => ({ value: c.code, name: label(c.code) }))];
    }
    const exact = this.ctx.country(t);
    const matches = countries
      .filter((c) => c.code !== exact && [c.name, ...(c.aliases ?? [])].some((n) => n.toLowerCase().includes(t)))
      .map((c) => ({ value: c.code, name: label(c.code) }));
    return [...(exact ? [{ value: exact, name: label(exact) }] : []), ...matches, notKnown];
  }

  /** The finished file's content: empty mappings left by skipped questions dropped, keys in the format's order. */
  result(): Obj {
    const prune = (node: unknown, pattern: string): unknown => {
      if (Array.isArray(node)) {
        const items = node.map((x) => prune(x, `${pattern}[]`)).filter((x) => x !== undefined);
        return items.length || node.length === 0 ? items : undefined;
      }
      if (node !== null && typeof node === 'object') {
        const shape = this.ctx.loader.shapes.get(pattern);
        const order = shape?.keys ?? [];
        const keys = [...order.filter((k) => k in (node as Obj)), ...Object.keys(node as Obj).filter((k) => !order.includes(k))];
        const out: Obj = {};
        for (const k of keys) {
          const v = prune((node as Obj)[k], pattern ? `${pattern}.${k}` : k);
          if (v !== undefined) out[k] = v;
        }
        return Object.keys(out).length || pattern === '' ? out : undefined;
      }
      return node;
    };
    const out = (prune({ ...this.draft, cdrisk: 1 }, '') ?? {}) as Obj;
    return out;
  }
}
