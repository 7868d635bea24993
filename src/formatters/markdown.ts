import { obligationsMarkdown } from './obligations-section.js';
import type { FileResult, Finding, Report } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import {
  cellLevel,
  findingNumbers,
  groupFindings,
  impactRatingName,
  levelCounts,
  likelihoodName,
  methodSentences,
  mitigationTitle,
  portfolioOrder,
  concernRefs,
  recommendationLabel,
  recommendationWords,
  scoreOutOf,
  sourcesFor,
  type NumberedFinding,
} from './briefing.js';
import { makeSay } from './say.js';
import { categoryName, impactName, plural, scenarioName, showValue } from './text-helpers.js';
import type { Formatter } from './types.js';

/**
 * A council briefing note per partnership: plain markdown with no HTML, short
 * tables only, so that it reads as well in a text editor as when rendered.
 * Several files get a portfolio table first.
 */
export const formatMarkdown: Formatter = (report, options) => {
  const many = report.results.length > 1;
  // The briefings follow the portfolio table's order.
  const parts = (many ? portfolioOrder(report.results) : report.results).map((r) => (r.valid ? briefing(r, options.rules) : invalid(r)));
  if (many) parts.unshift(portfolio(report));
  return parts.join('\n---\n\n');
};

/** Markdown-escapes text from a partnership file so that it cannot become markup (or HTML) when rendered. */
export function mdText(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/** Inline code that survives any backticks inside. */
function code(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  const ticks = clean.includes('`') ? '``' : '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

function upper(level: string): string {
  return level.toUpperCase();
}

function portfolio(report: Report): string {
  const s = report.summary;
  const out = [`# City diplomacy risk: ${plural(s.files, 'partnership')}`, ''];
  const levels = (['critical', 'high', 'medium', 'low'] as const).filter((l) => s.byLevel[l]).map((l) => `${s.byLevel[l]} ${l}`);
  out.push(`Worst first. ${[...levels, ...(s.invalid ? [`${s.invalid} invalid file(s)`] : [])].join(', ')}.`, '');
  out.push('| Partnership | Level | Score | Recommendation |', '|---|---|---|---|');
  for (const r of portfolioOrder(report.results)) {
    if (!r.valid) {
      out.push(`| ${code(r.file)} | invalid | - | fix the file |`);
      continue;
    }
    out.push(
      `| ${mdText(r.title ?? r.id ?? r.file)} (${code(r.id ?? r.file)}) | ${upper(r.level!)} | ${r.score} | ${recommendationLabel(r.foresight!.recommendation)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

function briefing(r: FileResult, rules: RuleSet): string {
  const f = r.foresight!;
  const groups = groupFindings(r, rules);
  const numbers = findingNumbers(groups);
  const out: string[] = [];

  out.push(`# Briefing: ${mdText(r.title ?? r.id ?? r.file)}`, '');
  out.push(`Partnership ${code(r.id ?? '')}, status ${mdText(r.status ?? 'not stated')}, assessed from ${code(r.file)}.`, '');

  out.push('## Summary', '');
  out.push(summaryParagraph(r, rules), '');
  out.push(...obligationsMarkdown(r.obligations ?? [], mdText));

  out.push('## Risk by category', '', '| Category | Level now | Score now | Before safeguards |', '|---|---|---|---|');
  for (const c of r.categories) {
    out.push(`| ${categoryName(rules, c.id)} | ${upper(c.level)} | ${c.score} | ${c.inherentScore} |`);
  }
  out.push('');

  if (r.findings.length) {
    out.push('## Heat map', '');
    out.push(
      'Findings by number (F1, F2, ...) in the cell of their likelihood and impact after the declared safeguards. ' +
        'Each empty cell names its band. A finding that moved shows where it came from in the findings below.',
      '',
    );
    out.push(
      heatTable(
        groups.flatMap((g) => g.findings),
        rules,
      ),
      '',
    );

    out.push('## Findings', '');
    for (const g of groups) {
      const cat = r.categories.find((c) => c.id === g.id);
      out.push(`### ${categoryName(rules, g.id)}${cat ? `: ${upper(cat.level)}, score ${cat.score}` : ''}`, '');
      for (const x of g.findings) out.push(...findingBlock(x, rules));
    }
  } else {
    out.push('## Findings', '', 'No scenario of the risk matrix applies to what the file says.', '');
  }

  out.push('## Foresight steps', '');
  for (const s of f.steps) {
    out.push(`${s.step}. **${mdText(s.title)}.** ${mdText(s.outcome)}`);
    for (const a of s.answers) {
      out.push(`    - ${a.answer === 'unknown' ? 'not known' : a.answer}: ${mdText(a.question)}`);
      for (const o of a.open ?? []) out.push(`      - to settle it: ${mdText(o.question)} (${code(o.path)}; ask ${o.ask.join(', ')})`);
    }
  }
  out.push('');

  if (r.management) {
    out.push('## Managing the active partnership', '');
    for (const m of r.management.categories) {
      const parts = [`${categoryName(rules, m.id)}: ${upper(m.level)}.`];
      if (m.stop) parts.push('No measure is left: start disengaging.');
      if (m.available.length) parts.push(`Measures to add: ${m.available.map((id) => mitigationTitle(rules, id)).join('; ')}.`);
      if (m.monitor) parts.push(`Monitor: ${mdText(m.monitor)}`);
      out.push(`- ${parts.join(' ')}`);
    }
    for (const t of r.management.triggers) out.push(`- Trigger: ${mdText(t)}`);
    out.push('');
  }

  out.push('## Stakeholders to consult', '');
  if (r.stakeholders.length) {
    for (const s of r.stakeholders) {
      const why = concernRefs(s.reasons, numbers).join(', ');
      out.push(`- **${mdText(s.name)}** (${s.code}): ${s.consulted ? 'already consulted' : 'to consult'}; concerns ${why}.`);
      for (const q of s.questions) out.push(`    - Ask: ${mdText(q)}`);
    }
  } else {
    out.push('No stakeholder needs to be consulted on what the file says.');
  }
  out.push('');

  out.push('## Information gaps', '');
  if (r.gaps.length) {
    out.push('The file does not answer these questions; the answers could change the level.', '');
    for (const g of r.gaps) {
      out.push(`- ${mdText(g.question)} Field ${code(g.path)}; could reach ${g.potential}; ask ${g.ask.join(', ')}.`);
    }
  } else {
    out.push('None: the file answers every question the rules ask.');
  }
  out.push('');

  out.push('## Accepted risks', '');
  const accepted = groups.flatMap((g) => g.findings).filter((x) => x.finding.accepted);
  if (accepted.length) {
    for (const { n, finding: x } of accepted) {
      const a = x.acceptance;
      out.push(
        `- F${n} ${mdText(x.title)} (${x.residual.level})` +
          (a ? `: accepted by ${mdText(a.approved_by)} until ${mdText(a.expires)}. Reason: ${mdText(a.reason)}` : '.'),
      );
    }
  } else {
    out.push('None declared.');
  }
  out.push('');

  for (const w of r.warnings) out.push(`> Warning: ${mdText(w)}`, '');

  out.push('## Method and sources', '');
  out.push(methodSentences(rules).join(' '), '');
  for (const s of sourcesFor(r, rules)) out.push(`- ${s.citation}${s.url ? ` <${s.url}>` : ''}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

function summaryParagraph(r: FileResult, rules: RuleSet): string {
  const f = r.foresight!;
  const parts = [
    `Overall risk **${upper(r.level!)}** (${scoreOutOf(r.score!, rules)} after the declared safeguards; ${r.inherent!.level}, ${r.inherent!.score}, before them).`,
    `Recommendation: **${upper(recommendationLabel(f.recommendation))}** (${recommendationWords(rules, f.recommendation, r.status)}).`,
    mdText(f.reason),
  ];
  if (r.findings.length) {
    const worst = r.categories.reduce((a, b) => (b.score > a.score ? b : a));
    parts.push(
      `${plural(r.findings.length, 'finding')} (${levelCounts(r.findings)}); the heaviest category is ${categoryName(rules, worst.id).toLowerCase()}.`,
    );
  } else {
    parts.push('No scenario of the risk matrix applies.');
  }
  const toConsult = r.stakeholders.filter((s) => !s.consulted).length;
  parts.push(`${plural(toConsult, 'stakeholder')} still to consult, ${plural(r.gaps.length, 'information gap')}.`);
  const accepted = r.findings.filter((x) => x.accepted).length;
  if (accepted)
    parts.push(
      `${plural(accepted, 'risk')} formally accepted, for the CI gate only (it reads ${r.openLevel}): the level and the recommendation weigh every finding in full.`,
    );
  return parts.join(' ');
}

/** Likelihood in rows (5 at the top), impact in columns; each cell lists its findings or names its band. */
function heatTable(findings: readonly NumberedFinding[], rules: RuleSet): string {
  const rows = ['| Likelihood \\ Impact | 1 | 2 | 3 | 4 | 5 |', '|---|---|---|---|---|---|'];
  for (let l = 5; l >= 1; l--) {
    const cells = [1, 2, 3, 4, 5].map((i) => {
      const here = findings.filter((x) => x.finding.residual.likelihood === l && x.finding.residual.impact === i);
      const band = cellLevel(l, i, rules);
      return here.length ? `**${here.map((x) => `F${x.n}`).join(' ')}** (${band})` : band;
    });
    rows.push(`| ${l} ${likelihoodName(rules, l)} | ${cells.join(' | ')} |`);
  }
  rows.push(`| | ${[1, 2, 3, 4, 5].map((i) => impactRatingName(rules, i)).join(' | ')} |`);
  return rows.join('\n');
}

function findingBlock({ n, finding: x }: NumberedFinding, rules: RuleSet): string[] {
  const tags = [upper(x.residual.level), ...(x.accepted ? ['accepted'] : []), ...(x.blocking ? ['blocking'] : [])];
  const out = [`#### F${n}. ${mdText(x.title)} (${tags.join(', ')})`, ''];
  out.push(`- Scenario: ${scenarioName(rules, x.scenario)}.`);
  out.push(`- Impact: ${x.impacts.map((i) => impactName(rules, i)).join('; ')}.`);
  out.push(`- Score: ${scoreText(x, rules)}`);
  for (const m of x.modifiers) out.push(`    - ${m.rating} ${m.add > 0 ? '+' : ''}${m.add}: ${mdText(m.note)}`);
  out.push('- Evidence from the file:');
  for (const e of x.evidence) {
    const at = e.line !== undefined ? ` (line ${e.line})` : '';
    const note = e.note ? `: ${mdText(e.note)}` : '';
    out.push(
      `    - ${code(e.path)} = ${mdText(Array.isArray(e.value) ? e.value.map(String).join(', ') : showValue(e.value, makeSay(rules)))}${at}${note}`,
    );
  }
  out.push(`- What to do: ${mdText(x.recommendation)}`);
  if (x.residual.mitigations.length)
    out.push(`- Safeguards in place: ${x.residual.mitigations.map((id) => mitigationTitle(rules, id)).join('; ')}.`);
  if (x.available.length) out.push(`- Safeguards still available: ${x.available.map((id) => mitigationTitle(rules, id)).join('; ')}.`);
  if (x.accepted && x.acceptance) {
    out.push(`- Accepted by ${mdText(x.acceptance.approved_by)} until ${mdText(x.acceptance.expires)}: ${mdText(x.acceptance.reason)}`);
  }
  out.push(`- Consult: ${x.stakeholders.join(', ')}. Rule ${code(x.ruleId)}.`, '');
  return out;
}

function scoreText(x: Finding, rules: RuleSet): string {
  const before = `likelihood ${x.likelihood} (${likelihoodName(rules, x.likelihood).toLowerCase()}) x impact ${x.impact} (${impactRatingName(rules, x.impact).toLowerCase()}) = ${x.score}, ${x.level}`;
  const r = x.residual;
  if (r.likelihood === x.likelihood && r.impact === x.impact) return `${before}; the declared safeguards do not lower it.`;
  return `${before} before safeguards; ${r.likelihood} x ${r.impact} = ${r.score}, ${r.level}, after them.`;
}

function invalid(r: FileResult): string {
  const lines = [
    `# ${mdText(r.file)}: invalid partnership file`,
    '',
    'The file could not be assessed. Fix these problems and run the assessment again:',
    '',
  ];
  for (const e of r.errors) {
    const at = [e.line !== undefined ? `line ${e.line}` : '', e.column !== undefined ? `column ${e.column}` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`- ${at ? `${at}: ` : ''}${e.path ? `${code(e.path)}: ` : ''}${mdText(e.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
