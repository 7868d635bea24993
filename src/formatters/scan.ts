import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { ClauseCatalogue } from '../rules/clause-schema.js';
import type { ClauseLocation, ScanResult } from '../scan/scan.js';

/** "page 2, line 4", "line 12", "paragraph 7": where a clause stands, as precisely as the format allows. */
export function where(c: ClauseLocation): string {
  if (c.page !== null) return `page ${c.page}${c.line !== null ? `, line ${c.line}` : ''}`;
  if (c.line !== null) return `line ${c.line}`;
  return `paragraph ${c.paragraph}`;
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

function implied(r: ScanResult['clauses'][number]): string {
  const entries = Object.entries(r.implies);
  return entries.length
    ? entries.map(([k, v]) => `${k}: ${showValue(v as boolean | number)}`).join('\n')
    : '(to read: no field of the file)';
}

function languageName(code: string | null, cat: ClauseCatalogue): string {
  return code === null ? 'language not told' : `${cat.languages[code]?.name ?? code} (${code})`;
}

export function summary(results: readonly ScanResult[]): string {
  const bad = results.filter((r) => r.error).length;
  const clauses = results.reduce((n, r) => n + r.clauses.length, 0);
  const political = results.reduce((n, r) => n + r.clauses.filter((c) => c.category === 'political').length, 0);
  return `cdrisk scan: ${results.length} file${results.length === 1 ? '' : 's'}${bad ? `, ${bad} unreadable` : ''}; ${clauses} clause${clauses === 1 ? '' : 's'} found, ${political} political`;
}

/** The terminal view: per draft, a table of the clauses found, then the facts they imply. */
export function formatScanTable(results: readonly ScanResult[], cat: ClauseCatalogue, c: ChalkInstance, width = 100): string {
  const out: string[] = [];
  const titles = new Map(cat.clauses.map((x) => [x.id, x.title]));
  for (const r of results) {
    if (r.error) {
      out.push(c.red(`${r.file}: ${r.error}`), '');
      continue;
    }
    out.push(c.bold(r.file) + c.dim(`  ${languageName(r.language, cat)}`));
    if (r.clauses.length) {
      // Columns: where 16, the clause with what it implies 40 (the longest id and fact path fit), the sentence gets the rest; 4 border columns.
      const w = Math.max(100, Math.min(width, 180));
      const cols = [16, 40, w - 16 - 40 - 4];
      const t = new Table({
        head: ['Where', 'Clause, and what it implies', 'Sentence'],
        style: { head: [], border: [], compact: false },
        colWidths: cols,
      });
      for (const x of r.clauses) {
        const id = wrapCell(x.id, cols[1] - 2);
        const title = c.dim(wrapCell(titles.get(x.id) ?? '', cols[1] - 2));
        t.push([
          where(x),
          `${x.category === 'political' ? c.red(id) : id}\n${title}\n${c.bold(wrapCell(implied(x), cols[1] - 2))}`,
          wrapCell(x.text, cols[2] - 2),
        ]);
      }
      out.push(t.toString());
    } else out.push('No clause of the catalogue found.');
    const facts = Object.entries(r.facts);
    if (facts.length) {
      out.push('Implied for the partnership file:');
      for (const [k, f] of facts) {
        const from = f!.clause ? `from ${f!.clause.id}, ${where(f!.clause)}` : `caveat: ${f!.caveat}`;
        out.push(`  ${k}: ${showValue(f!.value)}  ${c.dim(`(${from})`)}`);
      }
    }
    out.push('');
  }
  out.push(summary(results));
  return `${out.join('\n')}\n`;
}

const md = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);

/** A section per draft for a council paper: clauses, then implied facts, with the advice for each clause found. */
export function formatScanMarkdown(results: readonly ScanResult[], cat: ClauseCatalogue): string {
  const out: string[] = ['# Clauses found in the draft agreements', ''];
  const byId = new Map(cat.clauses.map((x) => [x.id, x]));
  for (const r of results) {
    out.push(`## ${md(r.file)}`, '');
    if (r.error) {
      out.push(`Could not be read: ${md(r.error)}`, '');
      continue;
    }
    out.push(`Language: ${languageName(r.language, cat)}.`, '');
    if (r.clauses.length) {
      out.push('| Where | Clause | Sentence | Implies |', '|---|---|---|---|');
      for (const x of r.clauses) {
        const imp =
          Object.entries(x.implies)
            .map(([k, v]) => `\`${k}: ${showValue(v as boolean | number)}\``)
            .join(', ') || 'to read';
        out.push(`| ${where(x)} | ${md(byId.get(x.id)?.title ?? x.id)} (${x.category}) | ${md(x.text)} | ${imp} |`);
      }
      out.push('');
    } else out.push('No clause of the catalogue found.', '');
    const facts = Object.entries(r.facts);
    if (facts.length) {
      out.push('Implied for the partnership file:', '');
      for (const [k, f] of facts)
        out.push(
          `- \`${k}: ${showValue(f!.value)}\` ${f!.clause ? `(from ${f!.clause.id}, ${where(f!.clause)})` : `(${md(f!.caveat ?? '')})`}`,
        );
      out.push('');
    }
    const seen = [...new Set(r.clauses.map((x) => x.id))];
    if (seen.length) {
      out.push('What to do:', '');
      for (const id of seen) out.push(`- ${md(byId.get(id)!.title)}: ${md(byId.get(id)!.advice)}`);
      out.push('');
    }
  }
  out.push(md(summary(results)), '');
  return out.join('\n');
}

export function formatScanJson(results: readonly ScanResult[]): string {
  return `${JSON.stringify({ results }, null, 2)}\n`;
}
