import type { ChalkInstance } from 'chalk';
import { scoreToLevel, type Level } from '../shared/levels.js';
import type { FileResult } from '../report/types.js';
import { heatCells } from './heatmap.js';
import { makeSay, type Say } from './say.js';
import { categoryName, evidenceLine, scenarioName } from './text-helpers.js';
import { summaryLine } from './summary.js';
import { textWidth, wrapText } from '../shared/text-width.js';
import { obligationsText } from './obligations-section.js';
import type { FormatOptions, Formatter } from './types.js';

const LEVEL_COLOUR: Record<Level, keyof ChalkInstance> = { low: 'green', medium: 'yellow', high: 'red', critical: 'magenta' };

/** The terminal report: one block per file, then a summary line. Plain text when colour is off. */
export const formatTable: Formatter = (report, options) => {
  const say = makeSay(options.rules, options.lang);
  const blocks = report.results.map((r) => (r.valid ? validBlock(r, options, say) : invalidBlock(r, options, say)));
  const summary = summaryLine(report, options.failOn, options.rules);
  return `${blocks.join('\n')}\n${report.summary.invalid ? options.chalk.red(summary) : summary}\n`;
};

/**
 * A recommendation as the table shows it: its name in the report's language,
 * or, where the name is the id itself (English), the uppercase id, as
 * say.levelMark does for levels.
 */
function tagText(id: string, name: string): string {
  return name === id ? id.toUpperCase() : name;
}

function levelTag(level: Level, c: ChalkInstance, say: Say, text = say.levelMark(level)): string {
  const paint = c[LEVEL_COLOUR[level]] as ChalkInstance;
  return paint.bold(text);
}

/** `text` padded with spaces to `width` terminal columns (wide characters count as two). */
function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
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
function findingTable(r: FileResult, o: FormatOptions, say: Say): string {
  const c = o.chalk;
  const width = Math.max(80, Math.min(o.width ?? 100, 140));
  const longestId = Math.max(...r.findings.map((x) => textWidth(x.ruleId)));
  const level = 12;
  // Three columns, four borders.
  const finding = Math.max(Math.floor((width - 4 - level) * 0.35), longestId + 2);
  const widths = [level, finding, Math.max(24, width - 4 - level - finding)];
  const heads = [`${say('table.column.level')}\n${say('table.column.score')}`, say('table.column.finding'), say('table.column.evidence')];
  const rows: string[][][] = [heads.map((head, k) => cellLines([[head]], widths[k] - 2))];
  const dim = (s: string) => c.dim(s);
  for (const x of r.findings) {
    const residual = `${x.residual.likelihood}x${x.residual.impact}=${x.residual.score}`;
    const inherent = `${x.likelihood}x${x.impact}=${x.score}`;
    const tags = [x.accepted ? say('table.tag.accepted') : '', x.blocking ? say('table.tag.blocking') : ''].filter(Boolean);
    const cells: CellLine[][] = [
      [
        [say.levelMark(x.residual.level), (s) => levelTag(x.residual.level, c, say, s)],
        ...(residual === inherent ? [[residual]] : [[inherent], [`-> ${residual}`]]).map(([t]): CellLine => [t]),
        ...tags.map((tag): CellLine => [tag]),
      ],
      [[x.title], [scenarioName(o.rules, x.scenario), dim], [x.ruleId, dim]],
      [
        ...x.evidence.map((e) => `- ${evidenceLine(e, say)}`),
        ...x.modifiers.map((m) => say(`table.modifier.${m.rating}`, { add: `${m.add > 0 ? '+' : ''}${m.add}`, note: m.note })),
        say('table.do', { recommendation: x.recommendation }),
        x.acceptance
          ? say('table.acceptance', {
              by: x.acceptance.approved_by,
              date: say.date(x.acceptance.expires),
              reason: x.acceptance.reason,
            })
          : '',
        x.residual.mitigations.length ? say('table.in-place', { list: x.residual.mitigations.join(', ') }) : '',
        x.available.length ? say('table.measures', { list: x.available.join(', ') }) : '',
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
        const padded = padEnd(line, width);
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

function validBlock(r: FileResult, o: FormatOptions, say: Say): string {
  const c = o.chalk;
  const out: string[] = [];
  const f = r.foresight!;
  const recommendation = tagText(f.recommendation, o.rules.foresight.terms?.recommendations[f.recommendation] ?? f.recommendation);
  out.push(c.bold(`${r.title} [${r.id}]`) + c.dim(`  ${r.file}`));
  out.push(
    say('table.verdict', {
      level: levelTag(r.level!, c, say),
      score: r.score!,
      inherent: r.inherent!.score,
      inherentLevel: say.level(r.inherent!.level),
      recommendation: c.bold(recommendation),
    }),
  );
  out.push(`  ${f.reason}`);
  const accepted = r.findings.filter((x) => x.accepted).length;
  if (accepted) out.push(`  ${say.count('table.accepted-note', accepted, { level: say.levelMark(r.openLevel!) })}`);
  out.push('');
  const categories = r.categories.map((cat) => `${categoryName(o.rules, cat.id)} ${levelTag(cat.level, c, say)} ${cat.score}`);
  out.push(say('table.categories', { list: categories.join(' | ') }));

  if (r.findings.length) {
    out.push('');
    out.push(heatMap(r, c, o.rules, say));
    out.push('');
    out.push(findingTable(r, o, say));
  } else {
    out.push('', say('table.no-finding'));
  }

  out.push(
    ...obligationsText(
      r.obligations ?? [],
      (s) => c.bold(s),
      (s) => c.red(s),
      say,
    ),
  );

  out.push('', c.bold(say('table.heading.foresight')));
  const marks = answerMarks(c, say);
  for (const step of f.steps) {
    out.push(`  ${say('table.step', { step: step.step, title: step.title, outcome: step.outcome })}`);
    for (const a of step.answers) {
      out.push(`     ${marks[a.answer]} ${a.question}`);
      for (const open of a.open ?? [])
        out.push(c.dim(`           ${say('table.to-settle', { path: open.path, question: open.question })}`));
    }
  }

  if (r.management) {
    out.push('', c.bold(say('table.heading.management')));
    for (const m of r.management.categories) {
      const stop = m.stop ? c.red(` ${say('table.management.stop')}`) : '';
      out.push(`  ${categoryName(o.rules, m.id)} ${levelTag(m.level, c, say)}${stop}`);
      if (m.available.length) out.push(`     ${say('table.management.measures', { list: m.available.join(', ') })}`);
      if (m.monitor) out.push(`     ${say('table.management.monitor', { text: m.monitor })}`);
    }
  }

  if (r.stakeholders.length) {
    out.push('', c.bold(say('table.heading.stakeholders')));
    for (const s of r.stakeholders) {
      const mark = s.consulted ? c.green(say('table.stakeholder.consulted')) : c.yellow(say('table.stakeholder.to-consult'));
      out.push(`  ${say('table.stakeholder.line', { code: s.code, mark, name: s.name })}`);
      out.push(c.dim(`     ${say('table.stakeholder.because', { reasons: s.reasons.join(', ') })}`));
      for (const q of s.questions) out.push(`     ? ${q}`);
    }
  }

  if (r.gaps.length) {
    out.push('', c.bold(say('table.heading.gaps', { count: say.number(r.gaps.length) })));
    for (const g of r.gaps) {
      const gap = say('table.gap', { path: g.path, level: say.level(g.potential), question: g.question });
      out.push(`  ${gap}` + c.dim(` ${say('table.gap-ask', { who: g.ask.join(', ') })}`));
    }
  }
  for (const w of r.warnings) out.push(c.yellow(say('table.warning', { text: w })));
  return `${out.join('\n')}\n`;
}

/** The marks before the answers of the foresight steps, padded to one width. */
function answerMarks(c: ChalkInstance, say: Say): Record<'yes' | 'no' | 'unknown', string> {
  const text = { yes: say('table.answer.yes'), no: say('table.answer.no'), unknown: say('table.answer.unknown') };
  const width = Math.max(...Object.values(text).map(textWidth));
  return { yes: c.bold(padEnd(text.yes, width)), no: padEnd(text.no, width), unknown: c.dim(padEnd(text.unknown, width)) };
}

/** The likelihood x impact grid; each count right-aligned under its impact number, labels padded by display width. */
function heatMap(r: FileResult, c: ChalkInstance, rules: FormatOptions['rules'], say: Say): string {
  const cells = heatCells(r.findings, 'residual');
  const labels = [1, 2, 3, 4, 5].map((l) => `  ${say('table.heatmap.likelihood', { n: l })}`);
  const impact = say('table.heatmap.impact');
  const labelWidth = Math.max(textWidth(impact), ...labels.map(textWidth));
  const cell = (text: string) => text.padStart(3);
  const head = padStart(impact, labelWidth) + [1, 2, 3, 4, 5].map((i) => cell(String(i))).join('');
  const lines = [say('table.heatmap.title'), head];
  for (let l = 5; l >= 1; l--) {
    const row = [1, 2, 3, 4, 5].map((i) => {
      const n = cells[l - 1][i - 1];
      const tint = LEVEL_COLOUR[scoreToLevel(l * i, rules.bands.bands)];
      return n ? (c[tint] as ChalkInstance).bold(cell(String(n))) : c.dim(cell('.'));
    });
    lines.push(padEnd(labels[l - 1], labelWidth) + row.join(''));
  }
  return lines.join('\n');
}

function invalidBlock(r: FileResult, o: FormatOptions, say: Say): string {
  const c = o.chalk;
  const lines = [c.red.bold(`${r.file}: ${say('table.invalid-file')}`)];
  for (const e of r.errors) {
    const at = [r.file, e.line, e.column].filter((x) => x !== undefined).join(':');
    lines.push(`  ${at}: ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}
