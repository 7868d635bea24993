import { obligationsMarkdown } from './obligations-section.js';
import type { EvidenceItem, FileResult, Finding, Report } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Level } from '../shared/levels.js';
import {
  cellLevel,
  findingNumbers,
  groupFindings,
  impactRatingName,
  levelCounts,
  likelihoodName,
  methodParagraph,
  mitigationTitle,
  portfolioOrder,
  concernRefs,
  recommendationLabel,
  recommendationWords,
  scoreOutOf,
  sourcesFor,
  type NumberedFinding,
} from './briefing.js';
import { makeSay, type Say } from './say.js';
import { categoryName, impactName, scenarioName, showValue } from './text-helpers.js';
import type { Formatter } from './types.js';

/**
 * A council briefing note per partnership: plain markdown with no HTML, short
 * tables only, so that it reads as well in a text editor as when rendered.
 * Several files get a portfolio table first. Every word around the data is a
 * label (markdown.*, obligations.*) in the report's language.
 */
export const formatMarkdown: Formatter = (report, options) => {
  const w = words(options.rules, makeSay(options.rules, options.lang));
  const many = report.results.length > 1;
  // The briefings follow the portfolio table's order.
  const parts = (many ? portfolioOrder(report.results) : report.results).map((r) => (r.valid ? briefing(r, w) : invalid(r, w)));
  if (many) parts.unshift(portfolio(report, w));
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

/** What every part of the briefing needs: the rule set, its labels, and the names of levels and recommendations. */
interface Words {
  rules: RuleSet;
  say: Say;
  /** A level as a heading or a bold verdict shows it: CRITICAL in English. */
  levelMark(level: Level): string;
  /** A recommendation as the verdict shows it: PROCEED WITH SAFEGUARDS in English. */
  recommendationMark(rec: string): string;
  /** A recommendation in a table cell: proceed with safeguards in English. */
  recommendationName(rec: string): string;
  /** A name inside a sentence: English writes it in lower case. */
  inSentence(name: string): string;
  /** Items of a list joined in the language: short ones (codes, levels) and long ones (titles). */
  list(items: readonly string[]): string;
  longList(items: readonly string[]): string;
  /** Sentences one after the other (Japanese puts no space between them). */
  sentences(items: readonly string[]): string;
}

/**
 * English writes level and recommendation names in capitals where they are the
 * verdict, and a category's name in lower case inside a sentence. The other
 * languages write the catalogue's terms (foresight.terms) as they are: Japanese
 * and Korean have no capitals, and German keeps a noun's capital.
 */
function words(rules: RuleSet, say: Say): Words {
  const english = say.lang === 'en';
  const term = (rec: string) => rules.foresight.terms?.recommendations[rec] ?? rec;
  const name = (rec: string) => (english ? recommendationLabel(rec) : term(rec));
  return {
    rules,
    say,
    levelMark: (level) => say.levelMark(level),
    recommendationMark: (rec) => (english ? name(rec).toUpperCase() : name(rec)),
    recommendationName: name,
    inSentence: (text) => (english ? text.toLowerCase() : text),
    list: (items) => items.join(say('common.list')),
    longList: (items) => items.join(say('markdown.list-long')),
    sentences: (items) => items.reduce((before, after) => say('common.then', { before, after })),
  };
}

function statusName(status: string | undefined, say: Say, rules: RuleSet): string {
  if (status === undefined) return say('common.not-stated');
  const key = `markdown.status.${status}`;
  return rules.labels[key] !== undefined ? say(key) : mdText(status);
}

function portfolio(report: Report, w: Words): string {
  const { say } = w;
  const s = report.summary;
  const out = [`# ${say.count('markdown.portfolio.title', s.files)}`, ''];
  const levels = (['critical', 'high', 'medium', 'low'] as const)
    .filter((l) => s.byLevel[l])
    .map((l) => say('common.level-count', { count: say.number(s.byLevel[l]), level: say.level(l) }));
  const invalidFiles = s.invalid ? [say('markdown.portfolio.invalid-files', { count: say.number(s.invalid) })] : [];
  out.push(say('markdown.portfolio.intro', { counts: w.list([...levels, ...invalidFiles]) }), '');
  const cols = ['partnership', 'level', 'score', 'recommendation'].map((c) => say(`markdown.portfolio.col.${c}`));
  out.push(`| ${cols.join(' | ')} |`, '|---|---|---|---|');
  for (const r of portfolioOrder(report.results)) {
    if (!r.valid) {
      out.push(`| ${code(r.file)} | ${say('markdown.portfolio.invalid')} | - | ${say('markdown.portfolio.fix')} |`);
      continue;
    }
    const title = say('markdown.portfolio.row-title', { title: mdText(r.title ?? r.id ?? r.file), id: code(r.id ?? r.file) });
    out.push(`| ${title} | ${w.levelMark(r.level!)} | ${say.number(r.score!)} | ${w.recommendationName(r.foresight!.recommendation)} |`);
  }
  return `${out.join('\n')}\n`;
}

function briefing(r: FileResult, w: Words): string {
  const { rules, say } = w;
  const f = r.foresight!;
  const groups = groupFindings(r, rules);
  const numbers = findingNumbers(groups);
  const out: string[] = [];
  const heading = (key: string) => out.push(`## ${say(`markdown.heading.${key}`)}`, '');

  out.push(`# ${say('markdown.title', { title: mdText(r.title ?? r.id ?? r.file) })}`, '');
  out.push(say('markdown.intro', { id: code(r.id ?? ''), status: statusName(r.status, say, rules), file: code(r.file) }), '');

  heading('summary');
  out.push(summaryParagraph(r, w), '');
  out.push(...obligationsMarkdown(r.obligations ?? [], mdText, say));

  heading('categories');
  const cols = ['category', 'level', 'score', 'before'].map((c) => say(`markdown.categories.col.${c}`));
  out.push(`| ${cols.join(' | ')} |`, '|---|---|---|---|');
  for (const c of r.categories) {
    out.push(`| ${categoryName(rules, c.id)} | ${w.levelMark(c.level)} | ${say.number(c.score)} | ${say.number(c.inherentScore)} |`);
  }
  out.push('');

  if (r.findings.length) {
    heading('heat-map');
    out.push(say('markdown.heat-map.caption'), '');
    out.push(
      heatTable(
        groups.flatMap((g) => g.findings),
        w,
      ),
      '',
    );

    heading('findings');
    const named = briefNames(w);
    for (const g of groups) {
      const cat = r.categories.find((c) => c.id === g.id);
      const name = categoryName(rules, g.id);
      const title = cat
        ? say('markdown.findings.category', { category: name, level: w.levelMark(cat.level), score: say.number(cat.score) })
        : name;
      out.push(`### ${title}`, '');
      for (const x of g.findings) out.push(...findingBlock(x, w, named));
    }
  } else {
    heading('findings');
    out.push(say('markdown.findings.none'), '');
  }

  heading('foresight');
  for (const s of f.steps) {
    out.push(`${s.step}. ${say('markdown.foresight.step', { title: mdText(s.title), outcome: mdText(s.outcome) })}`);
    for (const a of s.answers) {
      out.push(`    - ${say('markdown.labelled', { label: say(`markdown.foresight.answer.${a.answer}`), text: mdText(a.question) })}`);
      for (const o of a.open ?? []) {
        out.push(`      - ${say('markdown.foresight.open', { question: mdText(o.question), path: code(o.path), ask: w.list(o.ask) })}`);
      }
    }
  }
  out.push('');

  if (r.management) {
    heading('management');
    for (const m of r.management.categories) {
      const parts = [say('markdown.management.category', { category: categoryName(rules, m.id), level: w.levelMark(m.level) })];
      if (m.stop) parts.push(say('markdown.management.stop'));
      if (m.available.length) {
        parts.push(say('markdown.management.measures', { measures: w.longList(m.available.map((id) => mitigationTitle(rules, id))) }));
      }
      if (m.monitor) parts.push(say('markdown.management.monitor', { text: mdText(m.monitor) }));
      out.push(`- ${w.sentences(parts)}`);
    }
    for (const t of r.management.triggers) out.push(`- ${say('markdown.management.trigger', { text: mdText(t) })}`);
    out.push('');
  }

  heading('stakeholders');
  if (r.stakeholders.length) {
    for (const s of r.stakeholders) {
      const state = say(s.consulted ? 'markdown.stakeholder.consulted' : 'markdown.stakeholder.to-consult');
      const findings = w.list(concernRefs(s.reasons, numbers));
      out.push(`- ${say('markdown.stakeholder.line', { name: mdText(s.name), code: s.code, state, findings })}`);
      for (const q of s.questions) out.push(`    - ${say('markdown.stakeholder.ask', { question: mdText(q) })}`);
    }
  } else {
    out.push(say('markdown.stakeholders.none'));
  }
  out.push('');

  heading('gaps');
  if (r.gaps.length) {
    out.push(say('markdown.gaps.intro'), '');
    for (const g of r.gaps) {
      const item = say('markdown.gaps.item', {
        question: mdText(g.question),
        path: code(g.path),
        level: say.level(g.potential),
        ask: w.list(g.ask),
      });
      out.push(`- ${item}`);
    }
  } else {
    out.push(say('markdown.gaps.none'));
  }
  out.push('');

  heading('accepted');
  const accepted = groups.flatMap((g) => g.findings).filter((x) => x.finding.accepted);
  if (accepted.length) {
    for (const { n, finding: x } of accepted) {
      const a = x.acceptance;
      const item = { n, title: mdText(x.title), level: say.level(x.residual.level) };
      out.push(
        `- ${
          a
            ? say('markdown.accepted.item', {
                ...item,
                by: mdText(a.approved_by),
                date: mdText(say.date(a.expires)),
                reason: mdText(a.reason),
              })
            : say('markdown.accepted.item-bare', item)
        }`,
      );
    }
  } else {
    out.push(say('markdown.accepted.none'));
  }
  out.push('');

  for (const warning of r.warnings) out.push(`> ${say('markdown.warning', { text: mdText(warning) })}`, '');

  heading('method');
  out.push(methodParagraph(rules, say), '');
  for (const s of sourcesFor(r, rules)) out.push(`- ${s.citation}${s.url ? ` <${s.url}>` : ''}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

function summaryParagraph(r: FileResult, w: Words): string {
  const { rules, say } = w;
  const f = r.foresight!;
  const parts = [
    say('markdown.summary.overall', {
      level: w.levelMark(r.level!),
      score: scoreOutOf(r.score!, rules, say),
      inherentLevel: say.level(r.inherent!.level),
      inherentScore: say.number(r.inherent!.score),
    }),
    say('markdown.summary.recommendation', {
      recommendation: w.recommendationMark(f.recommendation),
      words: recommendationWords(rules, f.recommendation, r.status),
    }),
    mdText(f.reason),
  ];
  if (r.findings.length) {
    const worst = r.categories.reduce((a, b) => (b.score > a.score ? b : a));
    const category = w.inSentence(categoryName(rules, worst.id));
    parts.push(say.count('markdown.summary.findings', r.findings.length, { levels: levelCounts(r.findings, say), category }));
  } else {
    parts.push(say('markdown.summary.no-findings'));
  }
  const toConsult = r.stakeholders.filter((s) => !s.consulted).length;
  parts.push(
    say('markdown.summary.consult', {
      stakeholders: say.count('markdown.summary.stakeholders', toConsult),
      gaps: say.count('markdown.summary.gaps', r.gaps.length),
    }),
  );
  const accepted = r.findings.filter((x) => x.accepted).length;
  if (accepted) {
    parts.push(say('markdown.summary.accepted', { risks: say.count('markdown.summary.risks', accepted), level: say.level(r.openLevel!) }));
  }
  return w.sentences(parts);
}

/** Likelihood in rows (5 at the top), impact in columns; each cell lists its findings or names its band. */
function heatTable(findings: readonly NumberedFinding[], w: Words): string {
  const { rules, say } = w;
  const rows = [`| ${say('markdown.heat-map.axes')} | 1 | 2 | 3 | 4 | 5 |`, '|---|---|---|---|---|---|'];
  for (let l = 5; l >= 1; l--) {
    const cells = [1, 2, 3, 4, 5].map((i) => {
      const here = findings.filter((x) => x.finding.residual.likelihood === l && x.finding.residual.impact === i);
      const band = say.level(cellLevel(l, i, rules));
      return here.length ? say('markdown.heat-map.cell', { findings: `**${here.map((x) => `F${x.n}`).join(' ')}**`, level: band }) : band;
    });
    rows.push(`| ${l} ${likelihoodName(rules, l)} | ${cells.join(' | ')} |`);
  }
  rows.push(`| | ${[1, 2, 3, 4, 5].map((i) => impactRatingName(rules, i)).join(' | ')} |`);
  return rows.join('\n');
}

function evidenceMarkdown(e: EvidenceItem, say: Say): string {
  const value = Array.isArray(e.value) ? e.value.map(String).join(', ') : showValue(e.value, say);
  const at = e.line !== undefined ? say('common.at-line', { line: e.line }) : '';
  const evidence = `${code(e.path)} = ${mdText(typeof e.value === 'string' ? say.date(value) : value)}${at}`;
  return e.note ? say('markdown.finding.evidence-note', { evidence, note: mdText(e.note) }) : evidence;
}

/**
 * A scenario's or impact's name, with the brief's English name in brackets the
 * first time the briefing uses it, when the names are translated (matrix `brief`).
 */
function briefNames(w: Words): (kind: 'scenarios' | 'impacts', id: string) => string {
  const seen = new Set<string>();
  return (kind, id) => {
    const name = kind === 'scenarios' ? scenarioName(w.rules, id) : impactName(w.rules, id);
    const brief = w.rules.matrix[kind][id]?.brief;
    if (!brief || brief === name || seen.has(`${kind}:${id}`)) return name;
    seen.add(`${kind}:${id}`);
    return w.say('markdown.brief-name', { name, brief });
  };
}

function findingBlock({ n, finding: x }: NumberedFinding, w: Words, named: ReturnType<typeof briefNames>): string[] {
  const { rules, say } = w;
  const tags = [
    w.levelMark(x.residual.level),
    ...(x.accepted ? [say('markdown.finding.accepted')] : []),
    ...(x.blocking ? [say('markdown.finding.blocking')] : []),
  ];
  const out = [`#### ${say('markdown.finding.heading', { n, title: mdText(x.title), tags: w.list(tags) })}`, ''];
  out.push(`- ${say('markdown.finding.scenario', { scenario: named('scenarios', x.scenario) })}`);
  out.push(`- ${say('markdown.finding.impact', { impacts: w.longList(x.impacts.map((i) => named('impacts', i))) })}`);
  out.push(`- ${say('markdown.finding.score', { score: scoreText(x, w) })}`);
  for (const m of x.modifiers) {
    const change = `${m.add > 0 ? '+' : ''}${say.number(m.add)}`;
    out.push(
      `    - ${say('markdown.finding.modifier', { rating: say(`markdown.finding.rating.${m.rating}`), change, note: mdText(m.note) })}`,
    );
  }
  out.push(`- ${say('markdown.finding.evidence')}`);
  for (const e of x.evidence) out.push(`    - ${evidenceMarkdown(e, say)}`);
  out.push(`- ${say('markdown.finding.what-to-do', { text: mdText(x.recommendation) })}`);
  if (x.residual.mitigations.length) {
    out.push(
      `- ${say('markdown.finding.in-place', { safeguards: w.longList(x.residual.mitigations.map((id) => mitigationTitle(rules, id))) })}`,
    );
  }
  if (x.available.length) {
    out.push(`- ${say('markdown.finding.available', { safeguards: w.longList(x.available.map((id) => mitigationTitle(rules, id))) })}`);
  }
  if (x.accepted && x.acceptance) {
    const a = x.acceptance;
    out.push(
      `- ${say('markdown.finding.accepted-by', { by: mdText(a.approved_by), date: mdText(say.date(a.expires)), reason: mdText(a.reason) })}`,
    );
  }
  out.push(`- ${say('markdown.finding.consult', { stakeholders: w.list(x.stakeholders), rule: code(x.ruleId) })}`, '');
  return out;
}

function scoreText(x: Finding, w: Words): string {
  const { rules, say } = w;
  const before = say('markdown.score.before', {
    likelihood: say.number(x.likelihood),
    likelihoodName: w.inSentence(likelihoodName(rules, x.likelihood)),
    impact: say.number(x.impact),
    impactName: w.inSentence(impactRatingName(rules, x.impact)),
    score: say.number(x.score),
    level: say.level(x.level),
  });
  const r = x.residual;
  if (r.likelihood === x.likelihood && r.impact === x.impact) return say('markdown.score.unchanged', { before });
  return say('markdown.score.lowered', {
    before,
    likelihood: say.number(r.likelihood),
    impact: say.number(r.impact),
    score: say.number(r.score),
    level: say.level(r.level),
  });
}

function invalid(r: FileResult, w: Words): string {
  const { say } = w;
  const lines = [`# ${say('markdown.invalid.title', { file: mdText(r.file) })}`, '', say('markdown.invalid.intro'), ''];
  for (const e of r.errors) {
    const at = [
      e.line !== undefined ? say('markdown.invalid.line', { line: e.line }) : '',
      e.column !== undefined ? say('markdown.invalid.column', { column: e.column }) : '',
    ].filter(Boolean);
    const label = [...(at.length ? [w.list(at)] : []), ...(e.path ? [code(e.path)] : [])];
    lines.push(`- ${label.reduceRight((text, l) => say('markdown.labelled', { label: l, text }), mdText(e.message))}`);
  }
  return `${lines.join('\n')}\n`;
}
