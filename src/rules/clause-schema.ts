import * as z from 'zod';
import { UserError } from '../shared/errors.js';
import type { YamlSource } from '../load/yaml-source.js';
import { isoDate } from '../load/partnership-schema.js';

/**
 * The facts a clause can imply. Those the partnership format has are merged
 * into an assessment by `assess --agreement`; `automatic_renewal` and
 * `confidential` are reported by `scan` only (the format has no field for them).
 */
export const FACT_PATHS = {
  'agreement.foreign_policy_clauses': 'boolean',
  'agreement.exit_clause': 'boolean',
  'agreement.duration_years': 'years',
  'agreement.automatic_renewal': 'boolean',
  'agreement.confidential': 'boolean',
  'activities[].data_access': 'boolean',
  'activities[].ip_sensitive': 'boolean',
} as const;
export type FactPath = keyof typeof FACT_PATHS;
export const MERGED_FACTS: readonly FactPath[] = ['agreement.foreign_policy_clauses', 'agreement.exit_clause', 'agreement.duration_years', 'activities[].data_access', 'activities[].ip_sensitive'];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a kebab-case id' });
const lang = z.string().regex(/^[a-z]{2}$/, { message: 'expected a two-letter language code (ISO 639-1)' });
const text = z.string().min(1);

const patternSchema = z.strictObject({
  lang,
  regex: text,
  source: id.optional(),
  fires: z.array(text).min(1),
  quiet: z.array(text).min(1),
});

const factValue = z.union([z.boolean(), z.literal('$n')]);

const clauseSchema = z.strictObject({
  id,
  category: id,
  title: text,
  implies: z.partialRecord(z.enum(Object.keys(FACT_PATHS) as [FactPath, ...FactPath[]]), factValue),
  /** What a complete text without this clause implies (the exit clause: false). */
  absent: z.strictObject({ fact: z.enum(Object.keys(FACT_PATHS) as [FactPath, ...FactPath[]]), value: z.boolean(), caveat: text }).optional(),
  advice: text,
  patterns: z.array(patternSchema).min(1),
});

export const clauseFileSchema = z.strictObject({
  checked: isoDate,
  languages: z.record(
    lang,
    z.strictObject({
      name: text,
      script: z.enum(['latin', 'han', 'japanese', 'hangul']),
      stopwords: z.array(text).optional(),
      numbers: z.record(z.string().min(1), z.number().int().min(0)).optional(),
    }),
  ),
  clauses: z.array(clauseSchema).min(1),
  sources: z.record(id, z.strictObject({ title: text, citation: text, url: z.url().optional(), checked: isoDate })),
});

export type ClauseFile = z.infer<typeof clauseFileSchema>;
export type ClauseEntry = ClauseFile['clauses'][number];
export type ClausePattern = ClauseEntry['patterns'][number];

/** A pattern ready to match: its compiled expression and where it came from. */
export interface CompiledPattern extends ClausePattern {
  re: RegExp;
}

export interface CompiledClause extends Omit<ClauseEntry, 'patterns'> {
  patterns: CompiledPattern[];
}

export interface ClauseCatalogue {
  checked: string;
  languages: ClauseFile['languages'];
  clauses: CompiledClause[];
  sources: ClauseFile['sources'];
}

export const PATTERN_FLAGS = 'iu';

/**
 * Cross-checks what the schema cannot: each expression compiles, captures
 * `n` when the clause implies a number of years (and only then), names a
 * known language and source, fires on its `fires` sentences and stays quiet
 * on its `quiet` ones; ids are unique. Errors point at the line.
 */
export function compileCatalogue(file: ClauseFile, source: YamlSource): ClauseCatalogue {
  const fail = (path: (string | number)[], message: string): never => {
    throw new UserError(message, { file: source.file, ...source.locate(path) });
  };
  const ids = new Set<string>();
  const clauses = file.clauses.map((c, i) => {
    if (ids.has(c.id)) fail(['clauses', i, 'id'], `duplicate clause id "${c.id}"`);
    ids.add(c.id);
    const wantsYears = Object.values(c.implies).includes('$n');
    for (const [k, v] of Object.entries(c.implies)) {
      const kind = FACT_PATHS[k as FactPath];
      if ((v === '$n') !== (kind === 'years')) fail(['clauses', i, 'implies', k], kind === 'years' ? `${k} takes the number the pattern captures: write $n` : `${k} is true or false, not ${String(v)}`);
    }
    const patterns = c.patterns.map((p, j) => {
      const at = ['clauses', i, 'patterns', j];
      if (!file.languages[p.lang]) fail([...at, 'lang'], `unknown language "${p.lang}": the languages section has ${Object.keys(file.languages).join(', ')}`);
      if (p.source !== undefined && !file.sources[p.source]) fail([...at, 'source'], `unknown source "${p.source}": add it under sources`);
      let re: RegExp;
      try {
        re = new RegExp(p.regex, PATTERN_FLAGS);
      } catch (err) {
        return fail([...at, 'regex'], `invalid regular expression: ${(err as Error).message}`);
      }
      const groups = [...p.regex.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]);
      if (groups.some((g) => g !== 'n')) fail([...at, 'regex'], 'the only named group a pattern may have is (?<n>...), the number of years');
      if (wantsYears && !groups.includes('n')) fail([...at, 'regex'], 'this clause implies a number of years: capture it as (?<n>...)');
      if (!wantsYears && groups.includes('n')) fail([...at, 'regex'], '(?<n>...) captures a number of years, but this clause implies none');
      p.fires.forEach((s, k) => {
        if (!re.test(s.normalize('NFKC'))) fail([...at, 'fires', k], 'the pattern does not fire on this example');
      });
      p.quiet.forEach((s, k) => {
        if (re.test(s.normalize('NFKC'))) fail([...at, 'quiet', k], 'the pattern fires on this example, which it must not');
      });
      return { ...p, re };
    });
    return { ...c, patterns };
  });
  return { checked: file.checked, languages: file.languages, clauses, sources: file.sources };
}
