import type { ChalkInstance } from 'chalk';
import type { EngineContext } from '../../engine/context.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import { textWidth, wrapText } from '../../shared/text-width.js';
import { safeText } from '../register/safe.js';
import { EXPIRY_WINDOW_DAYS, worst, type PortfolioReport, type PortfolioResult } from './model.js';
import { portfolioWords } from './words.js';
import type { PortfolioFormat } from './command.js';

export interface RenderOptions {
  chalk: ChalkInstance;
  ctx: EngineContext;
}

/** The text of the report; JSON and CSV come in pieces, written one by one, so no copy of the whole text is held. */
export async function renderPortfolio(report: PortfolioReport, format: PortfolioFormat, o: RenderOptions): Promise<Iterable<string>> {
  switch (format) {
    case 'json':
      return portfolioJson(report);
    case 'csv':
      return portfolioCsv(report);
    case 'markdown':
      return [portfolioMarkdown(report, o.ctx)];
    case 'html':
      return [(await import('./html.js')).portfolioHtml(report, o.ctx)];
    default:
      return [portfolioTable(report, o.chalk, o.ctx)];
  }
}

/** The same text as JSON.stringify(report, null, 2), built result by result so no second copy of the whole report is made. */
export function* portfolioJson(report: PortfolioReport): Generator<string> {
  const { results, ...head } = report;
  const top = JSON.stringify(head, null, 2);
  if (!results.length) {
    yield `${top.slice(0, -2)},\n  "results": []\n}\n`;
    return;
  }
  yield `${top.slice(0, -2)},\n  "results": [\n`;
  // Each slice is stringified inside { "results": [...] }, which gives its items the indentation they have in the report.
  const HEAD = '{\n  "results": [\n'.length;
  const TAIL = '\n  ]\n}'.length;
  for (let i = 0; i < results.length; i += 500) {
    const text = JSON.stringify({ results: results.slice(i, i + 500) }, null, 2);
    yield `${text.slice(HEAD, -TAIL)}${i + 500 < results.length ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - textWidth(s)));
const padLeft = (s: string, n: number) => ' '.repeat(Math.max(0, n - textWidth(s))) + s;
/** The widest a column of the portfolio table gets; longer text wraps onto further lines, never cut. */
const COLUMN_MAX = 40;
const GLUE = '\ue000';
/** A cell's lines; a `code span` (a field and its value, in a gap question) stays on one line when it fits. */
const wrapCell = (text: string, width: number): string[] =>
  text.includes('`')
    ? wrapText(
        text.replace(/`[^`]*`/g, (span) => span.replace(/ /g, GLUE)),
        width,
      ).map((line) => line.replaceAll(GLUE, ' '))
    : wrapText(text, width);

/** Plain columns for a terminal; every string from a register or file is made safe first. */
export function portfolioTable(report: PortfolioReport, chalk: ChalkInstance, ctx: EngineContext): string {
  const w = portfolioWords(ctx);
  const { say } = w;
  const col = (key: string) => say(`portfolio.table.column.${key}`);
  const heading = (key: string, vars?: Record<string, string | number>) => say(`portfolio.table.heading.${key}`, vars);
  const where = (r: { source: string; row?: number }) =>
    r.row !== undefined ? say('portfolio.where-row', { source: r.source, row: r.row }) : r.source;
  const n = say.number;
  const p = report.portfolio;
  const colour: Record<Level, (s: string) => string> = {
    low: chalk.green,
    medium: chalk.yellow,
    high: chalk.hex('#d75f00'),
    critical: chalk.red.bold,
  };
  const out: string[] = [];
  out.push(chalk.bold(say('portfolio.table.title', { partnerships: w.partnerships(p.total), invalid: w.invalid(p.invalid) })));
  out.push(
    say('portfolio.table.by-level', {
      levels: LEVELS.map((l) => colour[l](say('portfolio.level-count', { level: say.level(l), count: n(p.byLevel[l]) }))).join(
        say('portfolio.list'),
      ),
    }),
  );
  const table = (title: string, head: string[], rows: string[][], right: number[] = []) => {
    if (!rows.length) return;
    const widths = head.map((h, i) => Math.min(COLUMN_MAX, Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i])))));
    out.push('', chalk.bold(title));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (right.includes(i) ? padLeft(c, widths[i]) : pad(c, widths[i])))
        .join('  ')
        .trimEnd();
    out.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) {
      // A cell wider than its column wraps: the row takes as many lines as its tallest cell.
      const wrapped = r.map((c, i) => (right.includes(i) ? [c] : wrapCell(c, widths[i])));
      const height = Math.max(...wrapped.map((w) => w.length));
      for (let k = 0; k < height; k++) out.push(line(wrapped.map((w) => w[k] ?? '')));
    }
  };
  const levelNames = LEVELS.map((l) => say.level(l));
  const lv = (b: Record<Level, number>) => LEVELS.map((l) => n(b[l]));
  table(
    heading('by-partner-country'),
    [col('country'), col('name'), col('total'), ...levelNames, col('regime'), col('tensions')],
    p.byPartnerCountry.map((c) => [
      w.shown(c.country),
      w.country(c.country, c.name),
      n(c.total),
      ...lv(c.byLevel),
      w.regime(c.regime),
      c.tensions.join(' '),
    ]),
    [2, 3, 4, 5, 6],
  );
  table(
    heading('by-city'),
    [col('city'), col('country'), col('total'), ...levelNames],
    p.byCity.slice(0, 50).map((c) => [safeText(c.name, 40), w.shown(c.country), n(c.total), ...lv(c.byLevel)]),
    [2, 3, 4, 5, 6],
  );
  if (p.byCity.length > 50) out.push(say('portfolio.table.more-cities', { count: n(p.byCity.length - 50) }));
  table(
    heading('by-rule'),
    [col('rule'), col('count'), col('title')],
    p.byRule.map((r) => [r.rule, n(r.count), r.title]),
    [1],
  );
  table(
    heading('reviews-overdue'),
    [col('id'), col('next-review'), col('where')],
    p.reviewsOverdue.slice(0, 50).map((r) => [r.id, r.next ? say.date(r.next) : say('portfolio.none'), safeText(where(r), 60)]),
  );
  table(
    heading('acceptances-expiring', { days: n(EXPIRY_WINDOW_DAYS) }),
    [col('id'), col('rule'), col('expires')],
    p.acceptancesExpiring.map((a) => [a.id, a.rule, say.date(a.expires)]),
  );
  table(
    heading('gaps'),
    [col('field'), col('count'), col('question')],
    p.topGaps.map((g) => [g.path, n(g.count), g.question]),
    [1],
  );
  table(
    heading('worst'),
    [col('level'), col('score'), col('id'), col('city'), col('partner')],
    worst(report.results, 15).map((r) => [
      say.level(r.level!),
      n(r.score!),
      r.id!,
      safeText(r.city!.name, 30),
      `${safeText(r.partner!.name, 30)} (${w.shown(r.partner!.country)})`,
    ]),
    [1],
  );
  if (report.history?.length)
    table(
      heading('history'),
      [col('month'), col('commit'), col('total'), col('invalid'), ...levelNames],
      report.history.map((h) => [h.month, h.commit.slice(0, 10), n(h.total), n(h.invalid), ...lv(h.byLevel)]),
      [2, 3, 4, 5, 6, 7],
    );
  const bad = report.results.filter((r) => !r.valid);
  if (bad.length) {
    out.push('', chalk.bold(heading('invalid', { count: n(bad.length) })));
    for (const r of bad.slice(0, 100))
      for (const e of r.errors) out.push(`  ${safeText(e.startsWith(r.source) ? e : `${where(r)}: ${e}`, 500)}`);
    if (bad.length > 100) out.push(`  ${say('portfolio.table.more-invalid', { count: n(bad.length - 100) })}`);
  }
  return `${out.join('\n')}\n`;
}

/** Markdown text from a file: no HTML, no table breaks, no line breaks. */
const md = (s: string) => safeText(s, 300).replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);

export function portfolioMarkdown(report: PortfolioReport, ctx: EngineContext): string {
  const w = portfolioWords(ctx);
  const { say } = w;
  const col = (key: string) => say(`portfolio.column.${key}`);
  const heading = (key: string, vars?: Record<string, string | number>) => say(`portfolio.heading.${key}`, vars);
  const where = (r: { source: string; row?: number }) =>
    r.row !== undefined ? say('portfolio.where-row', { source: r.source, row: r.row }) : r.source;
  const n = say.number;
  const p = report.portfolio;
  const out: string[] = [
    `# ${say('portfolio.markdown.title')}`,
    '',
    say('portfolio.markdown.lead', { partnerships: w.partnerships(p.total), invalid: w.invalid(p.invalid), levels: w.levels(p.byLevel) }),
  ];
  const table = (title: string, head: string[], rows: string[][]) => {
    out.push('', `## ${title}`, '');
    if (!rows.length) {
      out.push(say('portfolio.markdown.none'));
      return;
    }
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`));
  };
  const levelNames = LEVELS.map((l) => say.level(l));
  const lv = (b: Record<Level, number>) => LEVELS.map((l) => n(b[l]));
  table(
    heading('by-partner-country'),
    [col('country'), col('name'), col('total'), ...levelNames, col('regime'), col('tensions')],
    p.byPartnerCountry.map((c) => [
      w.shown(c.country),
      md(w.country(c.country, c.name)),
      n(c.total),
      ...lv(c.byLevel),
      w.regime(c.regime),
      c.tensions.join(say('portfolio.list')),
    ]),
  );
  table(
    heading('by-city'),
    [col('city'), col('country'), col('total'), ...levelNames],
    p.byCity.map((c) => [md(c.name), w.shown(c.country), n(c.total), ...lv(c.byLevel)]),
  );
  table(
    heading('by-rule'),
    [col('rule'), col('count'), col('title')],
    p.byRule.map((r) => [`\`${r.rule}\``, n(r.count), md(r.title)]),
  );
  table(
    heading('reviews-overdue'),
    [col('id'), col('next-review'), col('where')],
    p.reviewsOverdue.map((r) => [`\`${r.id}\``, r.next ? say.date(r.next) : say('portfolio.none'), md(where(r))]),
  );
  table(
    heading('acceptances-expiring', { days: n(EXPIRY_WINDOW_DAYS) }),
    [col('id'), col('rule'), col('expires')],
    p.acceptancesExpiring.map((a) => [`\`${a.id}\``, `\`${a.rule}\``, say.date(a.expires)]),
  );
  table(
    heading('gaps'),
    [col('field'), col('count'), col('question')],
    p.topGaps.map((g) => [`\`${g.path}\``, n(g.count), md(g.question)]),
  );
  table(
    heading('worst'),
    [col('level'), col('score'), col('id'), col('city'), col('partner')],
    worst(report.results, 20).map((r) => [
      say.level(r.level!),
      n(r.score!),
      `\`${r.id}\``,
      md(r.city!.name),
      `${md(r.partner!.name)} (${w.shown(r.partner!.country)})`,
    ]),
  );
  if (report.history)
    table(
      heading('history'),
      [col('month'), col('commit'), col('total'), col('invalid'), ...levelNames],
      report.history.map((h) => [h.month, `\`${h.commit.slice(0, 10)}\``, n(h.total), n(h.invalid), ...lv(h.byLevel)]),
    );
  const bad = report.results.filter((r) => !r.valid);
  if (bad.length) {
    out.push('', `## ${heading('invalid', { count: n(bad.length) })}`, '');
    for (const r of bad) for (const e of r.errors) out.push(`- ${md(e)}`);
  }
  return `${out.join('\n')}\n`;
}

/** RFC 4180 cell; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The CSV headers (as the JSON keys) are machine keys, read by spreadsheets and scripts: English in every language.
const CSV_COLUMNS: [string, (r: PortfolioResult) => unknown][] = [
  ['source', (r) => r.source],
  ['row', (r) => r.row],
  ['id', (r) => r.id],
  ['valid', (r) => (r.valid ? 'yes' : 'no')],
  ['city', (r) => r.city?.name],
  ['city_country', (r) => r.city?.country],
  ['partner', (r) => r.partner?.name],
  ['partner_country', (r) => r.partner?.country],
  ['partner_region', (r) => r.partner?.region],
  ['level', (r) => r.level],
  ['open_level', (r) => r.openLevel],
  ['score', (r) => r.score],
  ['recommendation', (r) => r.recommendation],
  ['rules', (r) => r.rules],
  ['gaps', (r) => r.gaps.length],
  ['review_overdue', (r) => (r.valid ? (r.reviewOverdue ? 'yes' : 'no') : '')],
  ['errors', (r) => r.errors.join(' | ')],
];

/** One row per partnership, in the order of the register or of the files. */
export function* portfolioCsv(report: PortfolioReport): Generator<string> {
  let lines = [CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const r of report.results) {
    lines.push(CSV_COLUMNS.map(([, f]) => csvCell(f(r))).join(','));
    if (lines.length === 1000) {
      yield `${lines.join('\r\n')}\r\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\r\n')}\r\n`;
}
