import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { ClauseCatalogue } from '../rules/clause-schema.js';
import type { ClauseLocation, ScanResult } from '../scan/scan.js';
import type { Say } from './say.js';

/** "page 2, line 4", "line 12", "paragraph 7": where a clause stands, as precisely as the format allows. */
export function where(c: ClauseLocation, say: Say): string {
  if (c.page !== null)
    return c.line !== null
      ? say('scan.where.page-line', { page: say.number(c.page), line: say.number(c.line) })
      : say('scan.where.page', { page: say.number(c.page) });
  if (c.line !== null) return say('scan.where.line', { line: say.number(c.line) });
  return say('scan.where.paragraph', { paragraph: say.number(c.paragraph) });
}

const showValue = (v: boolean | number) => String(v);

const wide = (ch: string) => /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch);
const widthOf = (s: string) => [...s].reduce((n, ch) => n + (wide(ch) ? 2 : 1), 0);

/**
 * Wraps text to a column width counting CJK characters as two columns. CJK
 * text may break between any two characters, other text at spaces; a word
 * longer than the column is cut into pieces (nothing is dropped, as a table
 * cell would drop it).
 */
export function wrapCell(text: string, width: number): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    const push = () => {
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
      w = 0;
    };
    for (const token of para.match(
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/gu,
    ) ?? []) {
      if (/^\s+$/.test(token)) {
        if (w && w < width) {
          line += ' ';
          w++;
        }
        continue;
      }
      let t = token;
      while (widthOf(t) > width) {
        if (w) push();
        let cut = 0;
        let cw = 0;
        for (const ch of t) {
          if (cw + widthOf(ch) > width) break;
          cw += widthOf(ch);
          cut += ch.length;
        }
        lines.push(t.slice(0, cut));
        t = t.slice(cut);
      }
      if (w + widthOf(t) > width) push();
      line += t;
      w += widthOf(t);
    }
    push();
  }
  return lines.join('\n');
}

function implied(r: ScanResult['clauses'][number], say: Say): string {
  const entries = Object.entries(r.implies);
  return entries.length ? entries.map(([k, v]) => `${k}: ${showValue(v as boolean | number)}`).join('\n') : say('scan.implies-nothing');
}

/** The draft's language: the catalogue's (English) name in English, the language's own name for it otherwise. */
function languageName(code: string | null, cat: ClauseCatalogue, say: Say): string {
  if (code === null) return say('scan.language-unknown');
  const name = say.lang === 'en' ? cat.languages[code]?.name : displayLanguage(say.lang, code);
  return say('scan.language', { name: name ?? cat.languages[code]?.name ?? code, code });
}

function displayLanguage(lang: string, code: string): string | undefined {
  try {
    return new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    return undefined;
  }
}

/** A clause category in the report's language (scan.category.<id>), the id for a category the labels do not know. */
const categoryName = (category: string, say: Say, labels: Record<string, string>) =>
  labels[`scan.category.${category}`] !== undefined ? say(`scan.category.${category}`) : category;

export function summary(results: readonly ScanResult[], say: Say): string {
  const bad = results.filter((r) => r.error).length;
  const clauses = results.reduce((n, r) => n + r.clauses.length, 0);
  const political = results.reduce((n, r) => n + r.clauses.filter((c) => c.category === 'political').length, 0);
  return say('scan.summary', {
    files: say.count('scan.summary.files', results.length),
    unreadable: bad ? say('scan.summary.unreadable', { count: say.number(bad) }) : '',
    clauses: say.count('scan.summary.clauses', clauses),
    political: say.number(political),
  });
}

/** The terminal view: per draft, a table of the clauses found, then the facts they imply. */
export function formatScanTable(results: readonly ScanResult[], cat: ClauseCatalogue, c: ChalkInstance, say: Say, width = 100): string {
  const out: string[] = [];
  const titles = new Map(cat.clauses.map((x) => [x.id, x.title]));
  for (const r of results) {
    if (r.error) {
      out.push(c.red(`${r.file}: ${r.error}`), '');
      continue;
    }
    out.push(c.bold(r.file) + c.dim(`  ${languageName(r.language, cat, say)}`));
    if (r.clauses.length) {
      // Columns: where 16, the clause with what it implies 40 (the longest id and fact path fit), the sentence gets the rest; 4 border columns.
      const w = Math.max(100, Math.min(width, 180));
      const cols = [16, 40, w - 16 - 40 - 4];
      const t = new Table({
        head: [say('scan.table.column.where'), say('scan.table.column.clause'), say('scan.table.column.sentence')],
        style: { head: [], border: [], compact: false },
        colWidths: cols,
      });
      for (const x of r.clauses) {
        const id = wrapCell(x.id, cols[1] - 2);
        const title = c.dim(wrapCell(titles.get(x.id) ?? '', cols[1] - 2));
        t.push([
          wrapCell(where(x, say), cols[0] - 2),
          `${x.category === 'political' ? c.red(id) : id}\n${title}\n${c.bold(wrapCell(implied(x, say), cols[1] - 2))}`,
          wrapCell(x.text, cols[2] - 2),
        ]);
      }
      out.push(t.toString());
    } else out.push(say('scan.no-clause'));
    const facts = Object.entries(r.facts);
    if (facts.length) {
      out.push(say('scan.implied'));
      for (const [k, f] of facts) {
        const from = f!.clause
          ? say('scan.from', { clause: f!.clause.id, where: where(f!.clause, say) })
          : say('scan.caveat', { caveat: f!.caveat ?? '' });
        out.push(`  ${k}: ${showValue(f!.value)}  ${c.dim(say('scan.in-brackets', { text: from }))}`);
      }
    }
    out.push('');
  }
  out.push(summary(results, say));
  return `${out.join('\n')}\n`;
}

const md = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);

/** A section per draft for a council paper: clauses, then implied facts, with the advice for each clause found. */
export function formatScanMarkdown(results: readonly ScanResult[], cat: ClauseCatalogue, say: Say, labels: Record<string, string>): string {
  const out: string[] = [`# ${say('scan.markdown.title')}`, ''];
  const byId = new Map(cat.clauses.map((x) => [x.id, x]));
  for (const r of results) {
    out.push(`## ${md(r.file)}`, '');
    if (r.error) {
      out.push(say('scan.markdown.unreadable', { error: md(r.error) }), '');
      continue;
    }
    out.push(say('scan.markdown.language', { language: languageName(r.language, cat, say) }), '');
    if (r.clauses.length) {
      const head = ['where', 'clause', 'sentence', 'implies'].map((k) => say(`scan.markdown.column.${k}`));
      out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
      for (const x of r.clauses) {
        const imp =
          Object.entries(x.implies)
            .map(([k, v]) => `\`${k}: ${showValue(v as boolean | number)}\``)
            .join(', ') || say('scan.markdown.to-read');
        const clause = say('scan.markdown.clause', {
          title: md(byId.get(x.id)?.title ?? x.id),
          category: categoryName(x.category, say, labels),
        });
        out.push(`| ${where(x, say)} | ${clause} | ${md(x.text)} | ${imp} |`);
      }
      out.push('');
    } else out.push(say('scan.no-clause'), '');
    const facts = Object.entries(r.facts);
    if (facts.length) {
      out.push(say('scan.implied'), '');
      for (const [k, f] of facts)
        out.push(
          `- \`${k}: ${showValue(f!.value)}\` ${say('scan.in-brackets', {
            text: f!.clause ? say('scan.from', { clause: f!.clause.id, where: where(f!.clause, say) }) : md(f!.caveat ?? ''),
          })}`,
        );
      out.push('');
    }
    const seen = [...new Set(r.clauses.map((x) => x.id))];
    if (seen.length) {
      out.push(say('scan.markdown.what-to-do'), '');
      for (const id of seen)
        out.push(`- ${say('scan.markdown.advice', { title: md(byId.get(id)!.title), advice: md(byId.get(id)!.advice) })}`);
      out.push('');
    }
  }
  out.push(md(summary(results, say)), '');
  return out.join('\n');
}

export function formatScanJson(results: readonly ScanResult[]): string {
  return `${JSON.stringify({ results }, null, 2)}\n`;
}
