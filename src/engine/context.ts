import type { DraftInput } from './draft.js';
import { OPERATORS, type Condition, type FunctionCall, type Scalar } from '../rules/condition-types.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { RuleOrigin } from '../rules/load-dir.js';
import { buildPartnershipSchema, type PartnershipSchema } from '../load/partnership-schema.js';
import { createLoader, type PartnershipLoader } from '../load/partnership.js';
import { createCountryResolver, type CountryResolver, type CountryTables } from '../load/country-resolver.js';
import { DEFAULT_LIMITS, type YamlLimits } from '../load/yaml-source.js';
import { UserError } from '../shared/errors.js';
import { fillTemplate } from '../rules/i18n.js';
import type { Say } from '../load/messages.js';
import { FUNCTIONS, scaleValues, type CheckFunction, type FunctionContext, type OrderedScale } from './functions.js';
import { checkObligations, knownRegions } from './obligations.js';
import { engineWords } from './words.js';

type Tension = RuleSet['tensions']['tensions'][number];

/** A rule set made ready to evaluate: lookups built once, every reference checked. */
export interface EngineContext extends FunctionContext {
  rules: RuleSet;
  schema: PartnershipSchema;
  loader: PartnershipLoader;
  /** The size, nesting and alias limits files are read and parsed with. */
  limits: YamlLimits;
  functions: Record<string, CheckFunction>;
  country(input: string): string | undefined;
  /** The full resolver: regions, the territory rule, did-you-mean and choices. */
  countries: CountryResolver;
  members(ref: string | Scalar[]): Set<Scalar>;
  functionOptions(call: FunctionCall): Record<string, unknown>;
  /** The language of the rule set's texts, for formatting dates and numbers. */
  lang: string;
  /** Draft agreements already read, by partnership file (see src/engine/draft.ts). */
  drafts?: ReadonlyMap<string, DraftInput>;
}

export interface ContextOptions {
  today: string;
  /** The language the rule set's texts are in (BCP 47 code); English by default. */
  lang?: string;
  limits?: YamlLimits;
  /** Origins of rules read from YAML, to locate cross-check errors. */
  origins?: Map<string, RuleOrigin>;
  /**
   * The rule set was cross-checked when it was compiled (the built-in rules in
   * dist/rules.json): skip the check, which is most of the start-up time.
   */
  crossChecked?: boolean;
  /**
   * The country alias table and the names in other languages (read on first
   * need). Without them only ISO codes and the countries table's names resolve.
   */
  countryTables?: () => CountryTables;
}

export function createContext(rules: RuleSet, options: ContextOptions): EngineContext {
  const regime = new Map<string, string>();
  for (const c of rules.countries.countries) regime.set(c.code, c.regime);
  const resolver = createCountryResolver(rules.countries.countries, options.countryTables);
  const country = (input: string) => {
    const r = resolver.resolve(input);
    return r.ok ? r.code : undefined;
  };
  // The loader's messages in the language of the rule set's labels (errors.*).
  const say: Say = (key, vars = {}) => {
    const template = rules.labels[key];
    if (template === undefined) throw new Error(`no label "${key}" in rules/i18n/en.yaml`);
    return fillTemplate(template, vars);
  };
  const explainCountry = (input: string) => {
    const r = resolver.resolve(input);
    return r.ok ? `"${input}" is a country` : resolver.explain(input, r, say);
  };

  const sets = new Map<string, Set<Scalar>>();
  for (const [id, g] of Object.entries(rules.sectors.groups)) sets.set(id, new Set(g.sectors));
  for (const [id, g] of Object.entries(rules.tensions.groups)) sets.set(id, new Set(g.members));
  // Country groups of the obligation packs (e.g. "@us-foreign-adversaries").
  for (const pack of rules.obligations) for (const [id, g] of Object.entries(pack.groups ?? {})) sets.set(id, new Set(g.members));
  const listCache = new WeakMap<Scalar[], Set<Scalar>>();
  const members = (ref: string | Scalar[]): Set<Scalar> => {
    if (typeof ref === 'string') return sets.get(ref.slice(1)) ?? new Set();
    let s = listCache.get(ref);
    if (!s) listCache.set(ref, (s = new Set(ref)));
    return s;
  };

  const side = (s: string | string[]): Set<string> =>
    Array.isArray(s) ? new Set(s) : s.startsWith('@') ? new Set(rules.tensions.groups[s.slice(1)]?.members ?? []) : new Set([s]);
  const pairs = new Map<string, Tension[]>();
  for (const t of rules.tensions.tensions) {
    const [a, b] = [side(t.between[0]), side(t.between[1])];
    for (const x of a)
      for (const y of b) {
        if (x === y) continue;
        for (const key of [`${x}|${y}`, `${y}|${x}`]) {
          const list = pairs.get(key) ?? [];
          if (!list.includes(t)) list.push(t);
          pairs.set(key, list);
        }
      }
  }
  for (const list of pairs.values()) list.sort((p, q) => p.id.localeCompare(q.id));

  const allSectors = [...new Set(Object.values(rules.sectors.groups).flatMap((g) => g.sectors))].sort();
  const enums: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(rules.vocabulary)) enums[k] = Object.keys(v);
  enums.mitigation = Object.keys(rules.mitigations).sort();
  enums.rule = rules.rules.map((r) => r.id).sort();
  enums.currency = Object.keys(rules.currencies.codes);
  enums.obligation = rules.obligations.flatMap((pack) => pack.obligations.map((o) => o.id)).sort();
  const toEur = (amount: number, currency: string) =>
    currency === 'EUR'
      ? amount
      : rules.currencies.rates.per_euro[currency]
        ? amount / rules.currencies.rates.per_euro[currency]
        : undefined;
  const blockingRules = rules.rules.filter((r) => r.blocking).map((r) => r.id);
  const schema = buildPartnershipSchema({
    enums,
    sectors: allSectors,
    country,
    explainCountry,
    blockingRules,
    renamed: rules.renamed,
    toEur,
    regions: knownRegions(rules.obligations),
    say,
  });
  const loader = createLoader(schema, say, options.limits);

  const scales = new Map<OrderedScale, string[]>((['state_direction', 'tension_severity'] as const).map((s) => [s, scaleValues(rules, s)]));
  const parsedOptions = new WeakMap<FunctionCall, Record<string, unknown>>();
  const ctx: EngineContext = {
    rules,
    lang: options.lang ?? 'en',
    today: options.today,
    schema,
    loader,
    limits: options.limits ?? DEFAULT_LIMITS,
    functions: FUNCTIONS,
    country,
    countries: resolver,
    regimeOf: (code) => regime.get(code) ?? 'unknown',
    regimeLabel: rules.countries.source.label,
    words: engineWords(rules, options.lang ?? 'en'),
    rank: (scale, value) => scales.get(scale)!.indexOf(value),
    stateDirectionOf: (r) => (rules.countries.state_direction_by_regime as Record<string, string>)[r],
    currencies: rules.currencies,
    tensionsBetween: (a, b) => pairs.get(`${a}|${b}`) ?? [],
    declaredTensionSeverity: rules.tensions.declared_severity!,
    members,
    functionOptions(call) {
      let o = parsedOptions.get(call);
      if (!o) {
        o = FUNCTIONS[call.fn].options.parse(call.with ?? {}) as Record<string, unknown>;
        parsedOptions.set(call, o);
      }
      return o;
    },
  };
  if (!options.crossChecked) {
    crossCheck(ctx, sets, options.origins);
    checkObligations(ctx, new Set(sets.keys()), options.origins);
  }
  return ctx;
}

/** Every id a rule names must exist; every path must be a field of the format. */
function crossCheck(ctx: EngineContext, sets: Map<string, Set<Scalar>>, origins?: Map<string, RuleOrigin>): void {
  const r = ctx.rules;
  const shapes = ctx.loader.shapes;
  const seen = new Set<string>();
  const fail = (ruleId: string, where: (string | number)[], message: string): never => {
    const origin = origins?.get(ruleId);
    if (origin) {
      const at = origin.source.locate([...origin.path, ...where]);
      throw new UserError(`rule ${ruleId}: ${message}`, { file: origin.source.file, ...at });
    }
    throw new UserError(`rule ${ruleId}: ${message}`);
  };
  const checkList = (ruleId: string, field: string, values: string[], known: Record<string, unknown>, what: string) =>
    values.forEach((v, i) => {
      if (!(v in known)) fail(ruleId, [field, i], `unknown ${what} "${v}" (known: ${Object.keys(known).join(', ')})`);
    });
  // A fact a rule's condition needs must have a question to ask when it is missing.
  const needsQuestion = (ruleId: string, path: string, where: (string | number)[]) => {
    if (!(path in r.gaps))
      fail(ruleId, where, `no question in gaps.yaml for "${path}": add one, so that a missing value becomes an answerable information gap`);
  };
  const checkCondition = (ruleId: string, cond: Condition, at: (string | number)[], gaps: boolean): void => {
    if ('all' in cond) return cond.all.forEach((c, i) => checkCondition(ruleId, c, [...at, 'all', i], gaps));
    if ('any' in cond) return cond.any.forEach((c, i) => checkCondition(ruleId, c, [...at, 'any', i], gaps));
    if ('not' in cond) return checkCondition(ruleId, cond.not, [...at, 'not'], gaps);
    if ('fn' in cond) {
      const fn = ctx.functions[cond.fn];
      if (!fn) fail(ruleId, [...at, 'fn'], `unknown function "${cond.fn}" (known: ${Object.keys(ctx.functions).join(', ')})`);
      const parsed = fn.options.safeParse(cond.with ?? {});
      if (!parsed.success)
        fail(
          ruleId,
          [...at, 'with'],
          `options of ${cond.fn}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'with'}: ${i.message}`).join('; ')}`,
        );
      const problem = fn.checkValues?.(parsed.data, r);
      if (problem) fail(ruleId, [...at, 'with'], `options of ${cond.fn}: ${problem}`);
      if (gaps) for (const path of fn.reads(parsed.data)) needsQuestion(ruleId, path, [...at, 'fn']);
      return;
    }
    const shape = shapes.get(cond.path);
    if (!shape) fail(ruleId, [...at, 'path'], `"${cond.path}" is not a field of the partnership format`);
    if (gaps && cond.exists === undefined && (cond.missing ?? 'unknown') === 'unknown') needsQuestion(ruleId, cond.path, [...at, 'path']);
    for (const op of OPERATORS) {
      const v = cond[op];
      if (typeof v === 'string' && (op === 'in' || op === 'intersects') && !sets.has(v.slice(1))) {
        fail(ruleId, [...at, op], `unknown set "${v}" (known: ${[...sets.keys()].map((s) => '@' + s).join(', ')})`);
      }
      // A single value compared with an enumeration must be one of its values too.
      if (op === 'equals' && typeof v === 'string') {
        const allowed = shape!.values ?? shape!.itemValues;
        if (allowed && !allowed.includes(v))
          fail(ruleId, [...at, op], `"${v}" is not a value of ${cond.path} (allowed: ${allowed.join(', ')})`);
      }
      if (Array.isArray(v)) {
        const allowed = shape!.values ?? shape!.itemValues;
        v.forEach((x, i) => {
          if (allowed && !allowed.includes(String(x)))
            fail(ruleId, [...at, op, i], `"${String(x)}" is not a value of ${cond.path} (allowed: ${allowed.join(', ')})`);
        });
      }
    }
  };
  for (const rule of r.rules) {
    if (seen.has(rule.id)) fail(rule.id, ['id'], 'duplicate rule id');
    seen.add(rule.id);
    if (!(rule.category in r.matrix.categories)) fail(rule.id, ['category'], `unknown category "${rule.category}"`);
    const scenario = r.matrix.scenarios[rule.scenario];
    if (!scenario)
      fail(rule.id, ['scenario'], `unknown scenario "${rule.scenario}" (known: ${Object.keys(r.matrix.scenarios).join(', ')})`);
    if (scenario.category !== rule.category)
      fail(rule.id, ['category'], `scenario ${rule.scenario} belongs to category ${scenario.category}`);
    checkList(rule.id, 'impacts', rule.impacts, r.matrix.impacts, 'impact');
    checkList(rule.id, 'stakeholders', rule.stakeholders, r.vocabulary.stakeholder, 'stakeholder');
    checkList(rule.id, 'mitigations', rule.mitigations, r.mitigations, 'mitigation');
    checkList(rule.id, 'source', rule.source, r.sources, 'source');
    for (const code of Object.keys(rule.questions ?? {})) {
      if (!rule.stakeholders.includes(code))
        fail(rule.id, ['questions', code], `a question for "${code}", who is not among the rule's stakeholders`);
    }
    for (const field of ['questions_running', 'stakeholders_when'] as const) {
      for (const code of Object.keys(rule[field] ?? {})) {
        if (!rule.stakeholders.includes(code)) fail(rule.id, [field, code], `"${code}" is not among the rule's stakeholders`);
      }
    }
    for (const [code, cond] of Object.entries(rule.stakeholders_when ?? {}))
      checkCondition(rule.id, cond, ['stakeholders_when', code], false);
    rule.advice?.forEach((a, i) => checkCondition(rule.id, a.when, ['advice', i, 'when'], false));
    checkCondition(rule.id, rule.when, ['when'], true);
    for (const kind of ['likelihood', 'impact'] as const) {
      rule[kind].modifiers?.forEach((m, i) => checkCondition(rule.id, m.when, [kind, 'modifiers', i, 'when'], false));
    }
  }
  // The foresight questions and management monitors read the file as the rules do.
  r.foresight.steps.forEach((step) =>
    step.questions.forEach((q) => {
      checkCondition(`foresight question ${q.id}`, q.yes, [], false);
      if (q.no) checkCondition(`foresight question ${q.id}`, q.no, [], false);
    }),
  );
  for (const [cat, entries] of Object.entries(r.foresight.management.monitor)) {
    entries.forEach((e, i) => e.when && checkCondition(`management monitor ${cat}[${i}]`, e.when, [], false));
  }
  for (const [id, m] of Object.entries(r.mitigations)) {
    m.source.forEach((s) => {
      if (!(s in r.sources)) throw new UserError(`mitigation ${id}: unknown source "${s}"`);
    });
  }
  for (const [name, old] of Object.entries(r.renamed)) {
    const current = r.vocabulary[name];
    if (!current) throw new UserError(`renamed: no enumeration "${name}" in vocabulary.yaml`);
    for (const [value, { use }] of Object.entries(old)) {
      if (value in current) throw new UserError(`renamed: ${name}.${value} is still a current value`);
      if (!(use in current)) throw new UserError(`renamed: ${name}.${value} is read as "${use}", which ${name} does not have`);
    }
  }
  for (const s of [r.currencies.source, r.currencies.rates.source]) {
    if (!(s in r.sources)) throw new UserError(`currencies: unknown source "${s}"`);
  }
  for (const [path, gap] of Object.entries(r.gaps)) {
    if (!shapes.has(path)) throw new UserError(`gaps: "${path}" is not a field of the partnership format`);
    gap.ask.forEach((code) => {
      if (!(code in r.vocabulary.stakeholder)) throw new UserError(`gaps: ${path} asks unknown stakeholder "${code}"`);
    });
  }
}
