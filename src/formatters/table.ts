import type { ChalkInstance } from 'chalk';
import { scoreToLevel, type Level } from '../shared/levels.js';
import type { FileResult } from '../report/types.js';
import { heatCells } from './heatmap.js';
import { makeSay } from './say.js';
import { categoryName, evidenceLine, scenarioName } from './text-helpers.js';
import { summaryLine } from './summary.js';
import { textWidth, wrapText } from '../shared/text-width.js';
import { obligationsText } from './obligations-section.js';
import type { FormatOptions, Formatter } from './types.js';

const LEVEL_COLOUR: Record<Level, keyof ChalkInstance> = { low: 'green', medium: 'yellow', high: 'red', critical: 'magenta' };

/** The terminal report: one block per file, then a summary line. Plain text when colour is off. */
export const formatTable: Formatter = (report, options) => {
  const blocks = report.results.map((r) => (r.valid ? validBlock(r, options) : invalidBlock(r, options)));
  const summary = summaryLine(report, options.failOn, options.rules);
  return `${blocks.join('\n')}\n${report.summary.invalid ? options.chalk.red(summary) : summary}\n`;
};

function levelTag(level: Level, c: ChalkInstance, text = level.toUpperCase()): string {
  const paint = c[LEVEL_COLOUR[level]] as ChalkInstance;
  return paint.bold(text);
}

/** A cell's lines before wrapping, each with the colour it is printed in. */
type CellLine = readonly [text: string, paint?: (s: string) => string];

/**
 * The findings as a bordered table, drawn here: cells are wrapped with
 * textWidth (wide characters count as two). cli-table3 did this before; its
 * word wrap measured the text word by word with string-width (about 0.8 s
 * for one report), and even fed finished lines with its wrap off it still
 * measured every line several times (slower still). The finding column is at least as wide as
 * the longest rule id, so an id (what `accepted_risks` and `rules show`
 * need) is never cut; titles wrap instead.
 */
function findingTable(r: FileResult, o: FormatOptions): string {
  const c = o.chalk;
  const width = Math.max(80, Math.min(o.width ?? 100, 140));
  const longestId = Math.max(...r.findings.map((x) => textWidth(x.ruleId)));
  const level = 12;
  // Three columns, four borders.
  const finding = Math.max(Math.floor((width - 4 - level) * 0.35), longestId + 2);
  const widths = [level, finding, Math.max(24, width - 4 - level - finding)];
  const rows: string[][][] = [['Level\nL x I', 'Finding', 'Evidence and what to do'].map((head, k) => cellLines([[head]], widths[k] - 2))];
  const dim = (s: string) => c.dim(s);
  for (const x of r.findings) {
    const residual = `${x.residual.likelihood}x${x.residual.impact}=${x.residual.score}`;
    const inherent = `${x.likelihood}x${x.impact}=${x.score}`;
    const tags = [x.accepted ? 'accepted' : '', x.blocking ? 'blocking' : ''].filter(Boolean);
    const cells: CellLine[][] = [
      [
        [x.residual.level.toUpperCase(), (s) => levelTag(x.residual.level, c, s)],
        ...(residual === inherent ? [[residual]] : [[inherent], [`-> ${residual}`]]).map(([t]): CellLine => [t]),
        ...tags.map((tag): CellLine => [tag]),
      ],
      [[x.title], [scenarioName(o.rules, x.scenario), dim], [x.ruleId, dim]],
      [
        ...x.evidence.map((e) => `- ${evidenceLine(e, makeSay(o.rules))}`),
        ...x.modifiers.map((m) => `${m.add > 0 ? '+' : ''}${m.add} ${m.rating}: ${m.note}`),
        `Do: ${x.recommendation}`,
        x.acceptance
          ? `Accepted by ${x.acceptance.approved_by} until ${x.acceptance.expires}: ${x.acceptance.reason} (counts for the verdict; the CI gate skips it)`
          : '',
        x.residual.mitigations.length ? `In place: ${x.residual.mitigations.join(', ')}` : '',
        x.available.length ? `Measures: ${x.available.join(', ')}` : '',
      ]
        .filter(Boolean)
        .map((line): CellLine => [line]),
    ];
    rows.push(cells.map((lines, k) => cellLines(lines, widths[k] - 2)));
  }
  return boxed(rows, widths);
}

/** Wraps a cell's lines to `width` columns (a "- " item with a hanging indent), pads each to it, then colours it. */
function cellLines(lines: CellLine[], width: number): string[] {
  return lines.flatMap(([text, paint]) =>
    (text.startsWith('- ') ? wrapText(text.slice(2), width - 2).map((l, k) => (k ? '  ' : '- ') + l) : wrapText(text, width)).map(
      (line) => {
        const padded = line + ' '.repeat(Math.max(0, width - textWidth(line)));
        return paint ? paint(padded) : padded;
      },
    ),
  );
}

/** Draws rows of cells (each a list of lines already padded to its column) in a box, a rule between rows. */
function boxed(rows: string[][][], widths: number[]): string {
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  const out = [rule('┌', '┬', '┐')];
  rows.forEach((cells, n) => {
    if (n > 0) out.push(rule('├', '┼', '┤'));
    const height = Math.max(...cells.map((lines) => lines.length));
    for (let i = 0; i < height; i++) out.push(`│ ${cells.map((lines, k) => lines[i] ?? ' '.repeat(widths[k] - 2)).join(' │ ')} │`);
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

function validBlock(r: FileResult, o: FormatOptions): string {
  const c = o.chalk;
  const out: string[] = [];
  const f = r.foresight!;
  out.push(c.bold(`${r.title} [${r.id}]`) + c.dim(`  ${r.file}`));
  out.push(
    `Risk ${levelTag(r.level!, c)} (residual score ${r.score}, inherent ${r.inherent!.score} ${r.inherent!.level})` +
      `   Recommendation ${c.bold(f.recommendation.toUpperCase())}`,
  );
  out.push(`  ${f.reason}`);
  const accepted = r.findings.filter((x) => x.accepted).length;
  if (accepted)
    out.push(
      `  ${accepted} accepted risk${accepted === 1 ? '' : 's'}: the verdict above weighs ${accepted === 1 ? 'it' : 'them'} in full; the CI gate (--fail-on) reads ${r.openLevel!.toUpperCase()}.`,
    );
  out.push('');
  out.push(
    'Categories: ' + r.categories.map((cat) => `${categoryName(o.rules, cat.id)} ${levelTag(cat.level, c)} ${cat.score}`).join(' | '),
  );

  if (r.findings.length) {
    out.push('');
    out.push(heatMap(r, c, o.rules));
    out.push('');
    out.push(findingTable(r, o));
  } else {
    out.push('', 'No finding: no scenario of the risk matrix applies on what the file says.');
  }

  out.push(
    ...obligationsText(
      r.obligations ?? [],
      (s) => c.bold(s),
      (s) => c.red(s),
      makeSay(o.rules, o.lang),
    ),
  );

  out.push('', c.bold('Foresight'));
  for (const step of f.steps) {
    out.push(`  ${step.step}. ${step.title}: ${step.outcome}`);
    for (const a of step.answers) {
      out.push(`     ${answerMark(a.answer, c)} ${a.question}`);
      for (const o of a.open ?? []) out.push(c.dim(`           to settle it: ${o.path}: ${o.question}`));
    }
  }

  if (r.management) {
    out.push('', c.bold('Management (active partnership)'));
    for (const m of r.management.categories) {
      const stop = m.stop ? c.red(' STOP: no measure left, start disengaging') : '';
      out.push(`  ${categoryName(o.rules, m.id)} ${levelTag(m.level, c)}${stop}`);
      if (m.available.length) out.push(`     measures to add: ${m.available.join(', ')}`);
      if (m.monitor) out.push(`     monitor: ${m.monitor}`);
    }
  }

  if (r.stakeholders.length) {
    out.push('', c.bold('Stakeholders to consult'));
    for (const s of r.stakeholders) {
      const mark = s.consulted ? c.green('consulted') : c.yellow('to consult');
      out.push(`  ${s.code} ${mark}: ${s.name}`);
      out.push(c.dim(`     because of ${s.reasons.join(', ')}`));
      for (const q of s.questions) out.push(`     ? ${q}`);
    }
  }

  if (r.gaps.length) {
    out.push('', c.bold(`Information gaps (${r.gaps.length})`));
    for (const g of r.gaps) {
      out.push(`  ${g.path} [could be ${g.potential}]: ${g.question}` + c.dim(` ask ${g.ask.join(', ')}`));
    }
  }
  for (const w of r.warnings) out.push(c.yellow(`warning: ${w}`));
  return `${out.join('\n')}\n`;
}

function answerMark(answer: 'yes' | 'no' | 'unknown', c: ChalkInstance): string {
  if (answer === 'yes') return c.bold('[yes]');
  if (answer === 'no') return '[no] ';
  return c.dim('[?]  ');
}

/** The likelihood x impact grid; each count right-aligned under its impact number. */
function heatMap(r: FileResult, c: ChalkInstance, rules: FormatOptions['rules']): string {
  const cells = heatCells(r.findings, 'residual');
  const label = (l: number) => `  likelihood ${l}`;
  const cell = (text: string) => text.padStart(3);
  const head = 'impact'.padStart(label(5).length) + [1, 2, 3, 4, 5].map((i) => cell(String(i))).join('');
  const lines = ['Heat map, residual findings per cell (likelihood down, impact across):', head];
  for (let l = 5; l >= 1; l--) {
    const row = [1, 2, 3, 4, 5].map((i) => {
      const n = cells[l - 1][i - 1];
      const tint = LEVEL_COLOUR[scoreToLevel(l * i, rules.bands.bands)];
      return n ? (c[tint] as ChalkInstance).bold(cell(String(n))) : c.dim(cell('.'));
    });
    lines.push(label(l) + row.join(''));
  }
  return lines.join('\n');
}

function invalidBlock(r: FileResult, o: FormatOptions): string {
  const c = o.chalk;
  const lines = [c.red.bold(`${r.file}: invalid partnership file`)];
  for (const e of r.errors) {
    const at = [r.file, e.line, e.column].filter((x) => x !== undefined).join(':');
    lines.push(`  ${at}: ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}
