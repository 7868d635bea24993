// The "Obligations" section of every format, kept in one module so that each
// formatter needs only a one-line hook. Each renderer takes its format's
// escaper: text from a file or a rule pack never reaches output unescaped.
import type { FileResult, ObligationResult } from '../report/types.js';

const STATUS_WORDS: Record<ObligationResult['status'], string> = {
  due: 'due',
  overdue: 'OVERDUE',
  done: 'done',
  'not-yet-applicable': 'not yet applicable',
};

const KIND_WORDS: Record<ObligationResult['kind'], string> = {
  prohibition: 'Prohibition',
  approval: 'Approval',
  notification: 'Notification',
  screening: 'Screening (review possible)',
  registration: 'Registration',
};

/** Obligations that fail the CI gate: an applicable prohibition or an overdue obligation. */
export function failingObligations(r: FileResult): ObligationResult[] {
  if (!r.valid) return [];
  return (r.obligations ?? []).filter((o) => o.blocking || o.status === 'overdue');
}

/** Why an obligation fails the gate, in a word. */
export function failureWord(o: ObligationResult): string {
  return o.blocking ? 'prohibited' : 'overdue';
}

/** The first line of the file the obligation's evidence points at, 1 when none does. */
export function obligationLine(o: ObligationResult): number {
  for (const e of o.evidence) if (e.line !== undefined && e.line >= 1) return e.line;
  return 1;
}

/** The status in words; a prohibition in force reads PROHIBITED (its JSON status stays due or overdue). */
export function statusWord(o: ObligationResult): string {
  if (o.blocking) return o.status === 'overdue' ? 'PROHIBITED, overdue' : 'PROHIBITED';
  return STATUS_WORDS[o.status];
}

function reviewedWords(o: ObligationResult): string {
  return o.reviewed ? `reviewed ${o.reviewed}` : 'not checked against the official text';
}

function filedWords(o: ObligationResult): string {
  return o.notification ? `; filed ${o.notification.date}${o.notification.reference ? ` (${o.notification.reference})` : ''}` : '';
}

/** Control characters shown as \xNN, so that text from a file cannot drive a terminal. */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A URL for a markdown autolink: nothing that could close it or start markup. */
function linkTarget(url: string): string {
  return url.replace(/[<>\s`]/g, (ch) => encodeURIComponent(ch));
}

const NONE = 'No legal obligation of the jurisdictions cdrisk covers applies on what the file says.';
const DISCLAIMER = 'Not legal advice: check the current text of each law.';

/** Plain text lines (the table format); `bold` and `warn` colour when the terminal has colour. */
export function obligationsText(list: readonly ObligationResult[], bold: (s: string) => string, warn: (s: string) => string): string[] {
  const out = ['', bold(`Obligations (${list.length})`)];
  if (!list.length) return [...out, `  ${NONE}`];
  for (const o of list) {
    const status = statusWord(o);
    out.push(
      `  ${o.blocking || o.status === 'overdue' ? warn(`[${status}]`) : `[${status}]`} ${KIND_WORDS[o.kind]}, ${o.jurisdiction}: ${o.title} [${o.id}]`,
    );
    out.push(`     do: ${o.action}`);
    out.push(`     by: ${o.deadline.text}${plain(filedWords(o))}; authority: ${o.authority}`);
    out.push(`     if not: ${o.consequence}`);
    out.push(`     law: ${o.source.statute}, ${o.source.section} <${o.source.url}>; ${reviewedWords(o)}`);
    for (const u of o.unconfirmed) out.push(`     unconfirmed: ${u}`);
  }
  out.push(`  ${DISCLAIMER}`);
  return out;
}

/** Markdown lines; `md` escapes text for markdown. */
export function obligationsMarkdown(list: readonly ObligationResult[], md: (s: string) => string): string[] {
  const out = ['## Obligations', ''];
  if (!list.length) return [...out, NONE, ''];
  out.push('| Obligation | Kind | Jurisdiction | Deadline | Status |', '|---|---|---|---|---|');
  for (const o of list) {
    out.push(
      `| ${md(o.title)} (\`${o.id}\`) | ${md(KIND_WORDS[o.kind])} | ${md(o.jurisdiction)} | ${md(o.deadline.text)}${md(filedWords(o))} | ${o.blocking || o.status === 'overdue' ? `**${statusWord(o)}**` : statusWord(o)} |`,
    );
  }
  out.push('');
  for (const o of list) {
    out.push(`- **${md(o.id)}**: ${md(o.action)} Authority: ${md(o.authority)}. If not: ${md(o.consequence)}`);
    out.push(`    - Law: ${md(o.source.statute)}, ${md(o.source.section)} <${linkTarget(o.source.url)}>; ${md(reviewedWords(o))}.`);
    for (const u of o.unconfirmed) out.push(`    - Not confirmed: ${md(u)}`);
  }
  out.push('', DISCLAIMER, '');
  return out;
}

/** An HTML section; `esc` escapes text and attribute values, `key` makes the heading ids unique. */
export function obligationsHtml(list: readonly ObligationResult[], esc: (s: string) => string, key: string): string {
  const out = [`<section aria-labelledby="${key}-o-h">`, `<h3 id="${key}-o-h">Obligations</h3>`];
  if (!list.length) {
    out.push(`<p>${esc(NONE)}</p>`, '</section>');
    return out.join('\n');
  }
  for (const o of list) {
    const status = o.blocking || o.status === 'overdue' ? `<strong>${esc(statusWord(o))}</strong>` : esc(statusWord(o));
    const row = (head: string, cell: string) => `<tr><th scope="row">${esc(head)}</th><td>${cell}</td></tr>`;
    out.push(
      `<h4>${esc(o.title)} <code>${esc(o.id)}</code></h4>`,
      `<table class="obligation" data-status="${esc(o.status)}"><tbody>`,
      row('Status', status),
      row('Kind', `${esc(KIND_WORDS[o.kind])}, ${esc(o.jurisdictionName)} (${esc(o.jurisdiction)})`),
      row('What to do', esc(o.action)),
      row('Deadline', esc(o.deadline.text + filedWords(o))),
      row('Authority', esc(o.authority)),
      row('If not done', esc(o.consequence)),
      row('Law', `${esc(o.source.statute)}, ${esc(o.source.section)}. <a href="${esc(o.source.url)}">${esc(o.source.url)}</a>`),
      row('Checked', esc(reviewedWords(o))),
      ...(o.unconfirmed.length ? [row('Not confirmed', `<ul>${o.unconfirmed.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`)] : []),
      '</tbody></table>',
    );
  }
  out.push(`<p class="note">${esc(DISCLAIMER)}</p>`, '</section>');
  return out.join('\n');
}
