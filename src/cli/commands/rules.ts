import type { Obligation, ObligationPack } from '../../rules/obligations-schema.js';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { didYouMean } from '../../load/did-you-mean.js';
import { scoreToLevel } from '../../shared/levels.js';

export function listRules(ctx: EngineContext, json: boolean, markdown = false): string {
  const r = ctx.rules;
  if (json) return `${JSON.stringify(r.rules, null, 2)}\n`;
  if (markdown) return rulesMarkdown(ctx);
  const lines: string[] = [];
  for (const cat of Object.keys(r.matrix.categories)) {
    lines.push(`${r.matrix.categories[cat].name}`);
    for (const rule of r.rules.filter((x) => x.category === cat)) {
      const base = rule.likelihood.base * rule.impact.base;
      lines.push(
        `  ${rule.id.padEnd(40)} ${rule.scenario.padEnd(36)} ${rule.likelihood.base}x${rule.impact.base}=${String(base).padEnd(3)} ${scoreToLevel(base, r.bands.bands)}`,
      );
    }
  }
  lines.push(
    '',
    `${r.rules.length} rules. Data tables: vocabulary, countries, currencies, tensions, mitigations, sectors, bands, sources, obligations (cdrisk rules show NAME).`,
  );
  return `${lines.join('\n')}\n`;
}

/** The rule catalogue as markdown: docs/rules.md is this text, and a test keeps it current. */
export function rulesMarkdown(ctx: EngineContext): string {
  const r = ctx.rules;
  const m = r.matrix;
  const out: string[] = [
    '# Rule catalogue',
    '',
    '<!-- Generated from rules/ by `node bin/cdrisk.js rules list --markdown > docs/rules.md`; do not edit by hand. -->',
    '',
    `${r.rules.length} rules over the three categories of the city diplomacy risk matrix. Score = likelihood x impact; levels: ${r.bands.bands.map((b) => `${b.level} ${b.min}-${b.max}`).join(', ')}.`,
    '',
  ];
  for (const cat of Object.keys(m.categories)) {
    out.push(`## ${m.categories[cat].name}`, '');
    for (const rule of r.rules.filter((x) => x.category === cat)) {
      const mods = [
        ...(rule.likelihood.modifiers ?? []).map((x) => ['likelihood', x] as const),
        ...(rule.impact.modifiers ?? []).map((x) => ['impact', x] as const),
      ];
      out.push(`### ${rule.id}`, '', `**${rule.title}**`, '');
      out.push(`- Scenario: ${m.scenarios[rule.scenario].name}`);
      out.push(`- Impacts: ${rule.impacts.map((i) => m.impacts[i].name).join('; ')}`);
      out.push(
        `- Rating: likelihood ${rule.likelihood.base} x impact ${rule.impact.base}${rule.phase === 'management' ? ' (management check for running partnerships)' : ''}${rule.blocking ? '; blocking' : ''}`,
      );
      for (const [k, x] of mods) out.push(`  - ${x.add > 0 ? '+' : ''}${x.add} ${k} when ${x.note}`);
      out.push(`- Stakeholders: ${rule.stakeholders.join(', ') || 'none'}`);
      out.push(`- Mitigations: ${rule.mitigations.join(', ') || 'none'}`);
      out.push(`- Why: ${rule.rationale}`);
      out.push(`- What to do: ${rule.recommendation}`);
      out.push(`- Sources: ${rule.source.map((s) => r.sources[s].title).join('; ')}`, '');
    }
  }
  return `${out.join('\n')}`;
}

export function showRule(ctx: EngineContext, id: string): string {
  const r = ctx.rules;
  const tables: Record<string, () => string> = {
    countries: () => {
      const s = r.countries.source;
      const head = `Countries: ${r.countries.countries.length} entries. Regime class: ${s.title}; ${s.citation}; licence ${s.licence}; year ${s.year}.`;
      return [head, ...r.countries.countries.map((c) => `  ${c.code} ${c.alpha3} ${c.name.padEnd(40)} ${c.regime}`)].join('\n');
    },
    tensions: () =>
      [
        `Tensions: ${r.tensions.tensions.length} entries.`,
        ...r.tensions.tensions.map(
          (t) =>
            `  ${t.id}: ${side(t.between[0])} / ${side(t.between[1])}, ${t.type} since ${t.since} (${t.severity})\n      ${t.note}\n      source: ${t.source}; reviewed ${t.reviewed}`,
        ),
      ].join('\n'),
    mitigations: () =>
      Object.entries(r.mitigations)
        .map(
          ([k, m]) =>
            `  ${k}: ${m.title} (likelihood -${m.reduces.likelihood}${m.reduces.impact ? `, impact -${m.reduces.impact}` : ''})\n      ${m.description}`,
        )
        .join('\n'),
    sectors: () =>
      Object.entries(r.sectors.groups)
        .map(([k, g]) => `  @${k} (${g.name}): ${g.sectors.join(', ')}`)
        .join('\n'),
    bands: () => r.bands.bands.map((b) => `  ${b.level.padEnd(9)} ${b.min}-${b.max}`).join('\n'),
    vocabulary: () => {
      const lines = [
        "The values of the partnership format's enumerations (rules/vocabulary.yaml). docs/format.md says which field takes which.",
      ];
      for (const [name, entries] of Object.entries(r.vocabulary)) {
        lines.push('', `${name}:`, ...Object.entries(entries).map(([v, label]) => `  ${v.padEnd(28)} ${label}`));
        for (const [old, x] of Object.entries(r.renamed[name] ?? {}))
          lines.push(`  ${old.padEnd(28)} old spelling, read as ${x.use} (since ${x.since})`);
      }
      const codes = Object.keys(r.currencies.codes);
      lines.push('', 'currency (ISO 4217; names and euro rates: cdrisk rules show currencies):');
      for (let k = 0; k < codes.length; k += 16) lines.push(`  ${codes.slice(k, k + 16).join(' ')}`);
      lines.push(
        '',
        'Also: sectors (cdrisk rules show sectors), mitigations (cdrisk rules show mitigations), rule ids (cdrisk rules list).',
      );
      return lines.join('\n');
    },
    currencies: () => {
      const c = r.currencies;
      const rate = (code: string) => (code === 'EUR' ? '1' : c.rates.per_euro[code] !== undefined ? String(c.rates.per_euro[code]) : '');
      return [
        `Currencies: ${Object.keys(c.codes).length} ISO 4217 codes (${r.sources[c.source]?.title ?? c.source}).`,
        `Rates: units for 1 euro, ${r.sources[c.rates.source]?.title ?? c.rates.source} (rates of ${c.rates.date}; checked ${c.rates.checked}). A currency without a rate is converted only against a city.budget in the same currency.`,
        ...Object.entries(c.codes).map(([code, name]) => `  ${code} ${name.padEnd(44)} ${rate(code)}`.trimEnd()),
      ].join('\n');
    },
    sources: () =>
      Object.entries(r.sources)
        .map(([k, s]) => `  ${k}: ${s.citation}${s.url ? ` <${s.url}>` : ''}`)
        .join('\n'),
    obligations: () => showObligations(r.obligations),
  };
  if (id in tables) return `${tables[id]()}\n`;
  const obligation = r.obligations.flatMap((pack) => pack.obligations).find((o) => o.id === id);
  if (obligation) return showObligation(obligation);
  const rule = r.rules.find((x) => x.id === id);
  if (!rule) {
    const guess = didYouMean(id, [
      ...r.rules.map((x) => x.id),
      ...r.obligations.flatMap((pack) => pack.obligations.map((o) => o.id)),
      ...Object.keys(tables),
    ]);
    throw new UserError(`no rule or table "${id}"${guess ? `: did you mean "${guess}"?` : ''} (cdrisk rules list shows them all)`);
  }
  const m = r.matrix;
  const lines = [
    `${rule.id}: ${rule.title}`,
    `  category:     ${m.categories[rule.category].name}`,
    `  scenario:     ${m.scenarios[rule.scenario].name}`,
    `  impacts:      ${rule.impacts.map((i) => m.impacts[i].name).join('; ')}`,
    `  rating:       likelihood ${rule.likelihood.base} x impact ${rule.impact.base} before modifiers`,
    ...[
      ...(rule.likelihood.modifiers ?? []).map((x) => ['likelihood', x] as const),
      ...(rule.impact.modifiers ?? []).map((x) => ['impact', x] as const),
    ].map(([k, x]) => `                ${x.add > 0 ? '+' : ''}${x.add} ${k} when ${x.note}`),
    `  stakeholders: ${rule.stakeholders.join(', ') || 'none'}`,
    ...Object.entries(rule.questions ?? {}).map(([k, q]) => `    ask ${k}: ${q}`),
    `  mitigations:  ${rule.mitigations.join(', ') || 'none'}`,
    `  why:          ${rule.rationale}`,
    `  what to do:   ${rule.recommendation}`,
    `  when:         ${JSON.stringify(rule.when)}`,
    '  sources:',
    ...rule.source.map((s) => `    - ${r.sources[s].citation}${r.sources[s].url ? ` <${r.sources[s].url}>` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

function side(s: string | string[]): string {
  return Array.isArray(s) ? s.join(',') : s;
}

function reviewedWords(o: { reviewed?: string }): string {
  return o.reviewed ? `reviewed ${o.reviewed}` : 'not checked against the official text';
}

/** `cdrisk rules show obligations`: every jurisdiction, its obligations, groups, pending bills and what is not covered. */
function showObligations(packs: readonly ObligationPack[]): string {
  const out = ['Obligations by jurisdiction (rules/obligations/). Not legal advice: check the current text of each law.'];
  for (const pack of packs) {
    out.push('', `${pack.obligations_for} ${pack.name}: ${pack.obligations.length} obligation${pack.obligations.length === 1 ? '' : 's'}`);
    for (const o of pack.obligations) {
      out.push(`  ${o.id} (${o.kind}, ${o.jurisdiction}): ${o.title}`);
      out.push(`      ${o.source.statute}, ${o.source.section} <${o.source.url}>; ${reviewedWords(o)}`);
    }
    for (const [id, g] of Object.entries(pack.groups ?? {}))
      out.push(`  group @${id}: ${g.members.join(', ')} (${g.name}; ${reviewedWords(g)})`);
    for (const x of pack.pending ?? []) out.push(`  pending, not applied: ${x.title} (${x.status})`);
    for (const x of pack.guidance ?? []) out.push(`  guidance, not law: ${x.title}`);
    for (const x of pack.not_covered ?? []) out.push(`  not covered: ${x}`);
  }
  return out.join('\n');
}

function showObligation(o: Obligation): string {
  const d = o.deadline;
  const lines = [
    `${o.id}: ${o.title}`,
    `  kind:         ${o.kind}`,
    `  jurisdiction: ${o.jurisdiction}`,
    `  action:       ${o.action}`,
    `  deadline:     ${d.kind}${d.days ? ` ${d.days} days` : ''}${d.date ? ` ${d.date}` : ''}${d.note ? ` (${d.note})` : ''}`,
    `  authority:    ${o.authority}`,
    `  consequence:  ${o.consequence}`,
    `  effective:    from ${o.effective.from}${o.effective.until ? ` until ${o.effective.until}` : ''}`,
    ...(o.arrangements
      ? [
          `  arrangements: ${o.arrangements.entered_from ? `entered from ${o.arrangements.entered_from} or not yet` : ''}${o.arrangements.entered_before ? `entered before ${o.arrangements.entered_before}` : ''}`,
        ]
      : []),
    `  when:         ${JSON.stringify(o.when)}`,
    `  law:          ${o.source.statute}, ${o.source.section} <${o.source.url}>`,
    `  ${reviewedWords(o)}`,
    ...(o.unconfirmed ?? []).map((u) => `  unconfirmed:  ${u}`),
  ];
  return `${lines.join('\n')}\n`;
}
