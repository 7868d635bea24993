import type { RuleSet } from './ruleset.js';
import type { Question, Questionnaire } from './questionnaire-schema.js';

// Translation of the rule data. English stays where it is (the rule files,
// rules/questionnaire.yaml, and the report labels of rules/i18n/en.yaml); a
// catalogue rules/i18n/<lang>.yaml holds the same texts in another language,
// keyed by the ids of what they translate. One walk over the data names every
// text a person reads (mapTexts); reading it gives the English tree the
// catalogues must match, writing through it gives the translated data. Only
// texts change: ids, paths, levels, ratings, conditions and order stay as they are.

/** A text's place in a catalogue: its keys from the top, e.g. ["rules", "no-exit-clause", "title"]. */
export type TextPath = readonly (string | number)[];
/** Called for every text: returns the text to put in its place. */
export type TextMapper = (path: TextPath, text: string) => string;

/** The languages cdrisk ships catalogues for; English is the source. */
export const LANGUAGES = ['en', 'de', 'ja', 'ko'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const isLang = (s: string): s is Lang => (LANGUAGES as readonly string[]).includes(s);

/** A placeholder in a text: {name}. */
const PLACEHOLDER = /\{(\w+)\}/g;
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

const mapRecord = <T>(rec: Record<string, T>, f: (key: string, value: T) => T): Record<string, T> =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(k, v)]));
const mapOpt = (path: TextPath, text: string | undefined, f: TextMapper): string | undefined => (text === undefined ? undefined : f(path, text));
/** Sets optional keys only when present, so that a mapped object has the same keys as its source. */
function withOpt<T extends object>(base: T, extra: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A copy of the rule set with every text a person reads passed through f. */
export function mapRuleTexts(rs: RuleSet, f: TextMapper): RuleSet {
  const rules = rs.rules.map((r) => {
    const p = ['rules', r.id];
    const notes = (which: 'likelihood' | 'impact') =>
      withOpt(r[which], { modifiers: r[which].modifiers?.map((m, i) => ({ ...m, note: f([...p, which, i], m.note) })) });
    return withOpt(
      {
        ...r,
        title: f([...p, 'title'], r.title),
        rationale: f([...p, 'rationale'], r.rationale),
        recommendation: f([...p, 'recommendation'], r.recommendation),
        likelihood: notes('likelihood'),
        impact: notes('impact'),
      },
      {
        questions: r.questions && mapRecord(r.questions, (k, q) => f([...p, 'questions', k], q)),
        questions_running: r.questions_running && mapRecord(r.questions_running, (k, q) => f([...p, 'questions_running', k], q)),
        recommendation_running: mapOpt([...p, 'recommendation_running'], r.recommendation_running, f),
        advice: r.advice?.map((a, i) =>
          withOpt(
            { ...a, recommendation: f([...p, 'advice', i, 'recommendation'], a.recommendation) },
            { recommendation_running: mapOpt([...p, 'advice', i, 'recommendation_running'], a.recommendation_running, f) },
          ),
        ),
      },
    );
  });
  const named = (table: 'categories' | 'scenarios' | 'impacts') =>
    mapRecord(rs.matrix[table], (id, n) => withOpt({ ...n, name: f(['matrix', table, id, 'name'], n.name) }, { summary: mapOpt(['matrix', table, id, 'summary'], n.summary, f) }));
  const fo = rs.foresight;
  const foresight: RuleSet['foresight'] = withOpt(
    {
      ...fo,
      steps: fo.steps.map((s) => {
        const p = ['foresight', 'steps', String(s.step)];
        return {
          ...s,
          title: f([...p, 'title'], s.title),
          purpose: f([...p, 'purpose'], s.purpose),
          questions: s.questions.map((q) => ({ ...q, ask: f([...p, 'questions', q.id], q.ask) })),
          outcome: withOpt(
            { clear: f([...p, 'outcome', 'clear'], s.outcome.clear), concerns: f([...p, 'outcome', 'concerns'], s.outcome.concerns) },
            { blocked: mapOpt([...p, 'outcome', 'blocked'], s.outcome.blocked, f) },
          ),
        };
      }),
      recommendation: fo.recommendation.map((e, i) => ({ ...e, reason: f(['foresight', 'reasons', i], e.reason) })),
      words: {
        before: mapRecord(fo.words.before, (k, t) => f(['foresight', 'words', 'before', k], t)) as typeof fo.words.before,
        running: mapRecord(fo.words.running, (k, t) => f(['foresight', 'words', 'running', k], t)) as typeof fo.words.running,
      },
      management: {
        ...fo.management,
        monitor: mapRecord(fo.management.monitor, (k, list) => list.map((m, i) => ({ ...m, text: f(['foresight', 'monitor', k, i], m.text) }))),
        triggers: fo.management.triggers.map((t, i) => f(['foresight', 'triggers', i], t)),
      },
    },
    {
      terms: fo.terms && {
        levels: mapRecord(fo.terms.levels, (k, t) => f(['foresight', 'terms', 'levels', k], t)),
        recommendations: mapRecord(fo.terms.recommendations, (k, t) => f(['foresight', 'terms', 'recommendations', k], t)),
        none: f(['foresight', 'terms', 'none'], fo.terms.none),
        nobody: f(['foresight', 'terms', 'nobody'], fo.terms.nobody),
        separator: f(['foresight', 'terms', 'separator'], fo.terms.separator),
      },
    },
  );
  return {
    ...rs,
    labels: mapRecord(rs.labels, (k, t) => f(['labels', k], t)),
    vocabulary: mapRecord(rs.vocabulary, (field, values) => mapRecord(values, (v, label) => f(['vocabulary', field, v], label))),
    matrix: { ...rs.matrix, categories: named('categories'), scenarios: named('scenarios'), impacts: named('impacts') },
    bands: {
      ...rs.bands,
      likelihood: mapRecord(rs.bands.likelihood, (k, t) => f(['bands', 'likelihood', k], t)),
      impact: mapRecord(rs.bands.impact, (k, t) => f(['bands', 'impact', k], t)),
    },
    sectors: { groups: mapRecord(rs.sectors.groups, (id, g) => ({ ...g, name: f(['sectors', id], g.name) })) },
    mitigations: mapRecord(rs.mitigations, (id, m) =>
      withOpt(
        { ...m, title: f(['mitigations', id, 'title'], m.title), description: f(['mitigations', id, 'description'], m.description) },
        { monitor: mapOpt(['mitigations', id, 'monitor'], m.monitor, f) },
      ),
    ),
    gaps: mapRecord(rs.gaps, (key, g) => withOpt({ ...g, question: f(['gaps', key, 'question'], g.question) }, { why: mapOpt(['gaps', key, 'why'], g.why, f) })),
    foresight,
    rules,
    // The regime classification: how the evidence notes name it (label) and how the method cites it.
    countries: {
      ...rs.countries,
      source: {
        ...rs.countries.source,
        title: f(['countries', 'title'], rs.countries.source.title),
        label: f(['countries', 'label'], rs.countries.source.label),
        citation: f(['countries', 'citation'], rs.countries.source.citation),
      },
    },
    // The works cited: the titles of publications stay as published inside the citations, the words around them are ours.
    sources: mapRecord(rs.sources, (id, src) =>
      withOpt(
        { ...src, title: f(['sources', id, 'title'], src.title), citation: f(['sources', id, 'citation'], src.citation) },
        { short: src.short && { ...src.short, authors: f(['sources', id, 'authors'], src.short.authors) } },
      ),
    ),
    // Each tension's note, keyed by the tension's id (ids are unique in the merged table).
    tensions: { ...rs.tensions, tensions: rs.tensions.tensions.map((t) => ({ ...t, note: f(['tensions', t.id], t.note) })) },
    obligations: rs.obligations.map((pack) => {
      const pp = ['laws', pack.obligations_for];
      return withOpt(
        {
          ...pack,
          name: f([...pp, 'name'], pack.name),
          obligations: pack.obligations.map((o) => {
            const p = ['obligations', o.id];
            return withOpt(
              {
                ...o,
                title: f([...p, 'title'], o.title),
                action: f([...p, 'action'], o.action),
                authority: f([...p, 'authority'], o.authority),
                consequence: f([...p, 'consequence'], o.consequence),
                // The statute's own name stays as the law writes it; the connecting words and the glosses of the sections are ours.
                source: { ...o.source, statute: f([...p, 'statute'], o.source.statute), section: f([...p, 'section'], o.source.section) },
                deadline: withOpt({ ...o.deadline }, { note: mapOpt([...p, 'deadline'], o.deadline.note, f) }),
              },
              { unconfirmed: o.unconfirmed?.map((u, i) => f([...p, 'unconfirmed', i], u)) },
            );
          }),
        },
        {
          description: mapOpt([...pp, 'description'], pack.description, f),
          pending: pack.pending?.map((x, i) => ({ ...x, note: f([...pp, 'pending', i], x.note) })),
          guidance: pack.guidance?.map((x, i) => ({ ...x, note: f([...pp, 'guidance', i], x.note) })),
          not_covered: pack.not_covered?.map((x, i) => f([...pp, 'not_covered', i], x)),
        },
      );
    }),
  };
}

/** A copy of the questionnaire with its prompts and help lines passed through f (question ids are unique). */
export function mapQuestionnaireTexts(q: Questionnaire, f: TextMapper): Questionnaire {
  const question = (x: Question): Question => {
    const p = ['questionnaire', 'questions', x.id];
    return withOpt(
      { ...x, ask: f([...p, 'ask'], x.ask), why: f([...p, 'why'], x.why) },
      { item: mapOpt([...p, 'item'], x.item, f), again: mapOpt([...p, 'again'], x.again, f), questions: x.questions?.map(question) },
    );
  };
  return {
    steps: mapRecord(q.steps, (k, s) => ({ title: f(['questionnaire', 'steps', k, 'title'], s.title), intro: f(['questionnaire', 'steps', k, 'intro'], s.intro) })) as Questionnaire['steps'],
    questions: q.questions.map(question),
  };
}

/** A tree of texts, shaped as a catalogue file: nested mappings (and lists for numbered entries) of strings. */
export type TextTree = { [key: string]: TextTree | string | (string | undefined)[] };

/** Puts a text at its path in a tree; numbered keys of lists become list positions. */
function put(tree: TextTree, path: TextPath, text: string): void {
  let node: TextTree = tree;
  path.forEach((seg, i) => {
    const last = i === path.length - 1;
    const next = path[i + 1];
    const key = String(seg);
    if (last) {
      if (Array.isArray(node)) (node as unknown as string[])[seg as number] = text;
      else node[key] = text;
      return;
    }
    const holder = node as unknown as Record<string, TextTree>;
    holder[key] ??= (typeof next === 'number' ? [] : {}) as unknown as TextTree;
    node = holder[key];
  });
}

/** Every text of the rule set (and the questionnaire), as the tree a catalogue must match. */
export function sourceTexts(rs: RuleSet, q?: Questionnaire): TextTree {
  const tree: TextTree = {};
  const record: TextMapper = (path, text) => {
    put(tree, path, text);
    return text;
  };
  mapRuleTexts(rs, record);
  if (q) mapQuestionnaireTexts(q, record);
  return tree;
}

/** The text at a path of a tree, if there is one. */
export function lookup(tree: TextTree | undefined, path: TextPath): string | undefined {
  let node: unknown = tree;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, seg) ? (node as Record<string, unknown>)[seg as string] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Every leaf of a tree with its path, in key order. */
export function leaves(tree: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof tree === 'string') return [{ path, text: tree }];
  if (Array.isArray(tree)) return tree.flatMap((x, i) => (x === undefined ? [] : leaves(x, [...path, i])));
  if (tree !== null && typeof tree === 'object') return Object.entries(tree).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

/** The rule set in a catalogue's language: each text the catalogue has replaces the English one. */
export function localiseRules(rs: RuleSet, texts: TextTree): RuleSet {
  const out = mapRuleTexts(rs, (path, text) => lookup(texts, path) ?? text);
  // The brief's English names of scenarios and impacts stay at hand, for the reports to give them in brackets at first use.
  for (const table of ['scenarios', 'impacts'] as const) {
    for (const [id, n] of Object.entries(out.matrix[table])) {
      const english = rs.matrix[table][id].name;
      if (n.name !== english) out.matrix[table][id] = { ...n, brief: english };
    }
  }
  return out;
}

export function localiseQuestionnaire(q: Questionnaire, texts: TextTree): Questionnaire {
  return mapQuestionnaireTexts(q, (path, text) => lookup(texts, path) ?? text);
}

/** Fills {name} placeholders; an unknown name stays as it is. */
export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
