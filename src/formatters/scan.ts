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

function implied(r: ScanResult['clauses'][number]): string {
  const entries = Object.entries(r.implies);
  return entries.length ? entries.map(([k, v]) => `${k}: ${showValue(v as boolean | number)}`).join('\n') : '(to read: no field of the file)';
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
      const w = Math.max(80, Math.min(width, 160));
      const t = new Table({
        head: ['Where', 'Clause', 'Sentence', 'Implies'],
        style: { head: [], border: [], compact: false },
        wordWrap: true,
        wrapOnWordBoundary: true,
        colWidths: [16, 22, Math.max(20, w - 16 - 22 - 30 - 5), 30],
      });
      for (const x of r.clauses) t.push([where(x), `${x.category === 'political' ? c.red(x.id) : x.id}\n${c.dim(titles.get(x.id) ?? '')}`, x.text, implied(x)]);
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
        const imp = Object.entries(x.implies).map(([k, v]) => `\`${k}: ${showValue(v as boolean | number)}\``).join(', ') || 'to read';
        out.push(`| ${where(x)} | ${md(byId.get(x.id)?.title ?? x.id)} (${x.category}) | ${md(x.text)} | ${imp} |`);
      }
      out.push('');
    } else out.push('No clause of the catalogue found.', '');
    const facts = Object.entries(r.facts);
    if (facts.length) {
      out.push('Implied for the partnership file:', '');
      for (const [k, f] of facts) out.push(`- \`${k}: ${showValue(f!.value)}\` ${f!.clause ? `(from ${f!.clause.id}, ${where(f!.clause)})` : `(${md(f!.caveat ?? '')})`}`);
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
