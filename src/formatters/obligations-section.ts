// The "Obligations" section of every format, kept in one module so that each
// formatter needs only a one-line hook. Each renderer takes its format's
// escaper: text from a file or a rule pack never reaches output unescaped.
// The words around the data are the labels obligations.* (rules/i18n).
import type { FileResult, ObligationResult } from '../report/types.js';
import type { Say } from './say.js';

/** Obligations that fail the CI gate: an applicable prohibition or an overdue obligation. */
export function failingObligations(r: FileResult): ObligationResult[] {
  if (!r.valid) return [];
  return (r.obligations ?? []).filter((o) => o.blocking || o.status === 'overdue');
}

/** Why an obligation fails the gate, in a word (junit, github and the check listing). */
export function failureWord(o: ObligationResult): string {
  return o.blocking ? 'prohibited' : 'overdue';
}

/** The first line of the file the obligation's evidence points at, 1 when none does. */
export function obligationLine(o: ObligationResult): number {
  for (const e of o.evidence) if (e.line !== undefined && e.line >= 1) return e.line;
  return 1;
}

/** The status in words; a prohibition in force reads PROHIBITED (its JSON status stays due or overdue). */
export function statusWord(o: ObligationResult, say: Say): string {
  if (o.blocking) return say(o.status === 'overdue' ? 'obligations.status.prohibited-overdue' : 'obligations.status.prohibited');
  return say(`obligations.status.${o.status}`);
}

function kindWord(o: ObligationResult, say: Say): string {
  return say(`obligations.kind.${o.kind}`);
}

/** The deadline in the report's language, its dates as the language writes them. */
export function deadlineWords(o: ObligationResult, say: Say): string {
  const d = o.deadline;
  switch (d.kind) {
    case 'within-days-of-entering':
      return d.due
        ? say('obligations.deadline.within-days-due', { days: say.number(d.days ?? 0), due: say.date(d.due) })
        : say('obligations.deadline.within-days', { days: say.number(d.days ?? 0) });
    case 'by-date':
      return say('obligations.deadline.by-date', { date: say.date(d.date ?? '') });
    case 'none-stated':
      return d.note ?? say('obligations.deadline.none-stated');
    default:
      return say(`obligations.deadline.${d.kind}`);
  }
}

function reviewedWords(o: ObligationResult, say: Say): string {
  return o.reviewed ? say('obligations.reviewed', { date: say.date(o.reviewed) }) : say('obligations.not-reviewed');
}

function filedWords(o: ObligationResult, say: Say): string {
  if (!o.notification) return '';
  const date = say.date(o.notification.date);
  return o.notification.reference
    ? say('obligations.filed-reference', { date, reference: o.notification.reference })
    : say('obligations.filed', { date });
}

/** Control characters shown as \xNN, so that text from a file cannot drive a terminal. */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A URL for a markdown autolink: nothing that could close it or start markup. */
function linkTarget(url: string): string {
  return url.replace(/[<>\s`]/g, (ch) => encodeURIComponent(ch));
}

/** Plain text lines (the table format); `bold` and `warn` colour when the terminal has colour. */
export function obligationsText(
  list: readonly ObligationResult[],
  bold: (s: string) => string,
  warn: (s: string) => string,
  say: Say,
): string[] {
  const out = ['', bold(say('obligations.heading-count', { count: say.number(list.length) }))];
  if (!list.length) return [...out, `  ${say('obligations.none')}`];
  for (const o of list) {
    const status = statusWord(o, say);
    const mark = o.blocking || o.status === 'overdue' ? warn(`[${status}]`) : `[${status}]`;
    out.push(
      `  ${mark} ${say('obligations.text.head', { kind: kindWord(o, say), jurisdiction: o.jurisdiction, title: o.title, id: o.id })}`,
    );
    out.push(`     ${say('obligations.text.do', { action: o.action })}`);
    out.push(
      `     ${say('obligations.text.by', { deadline: deadlineWords(o, say), filed: plain(filedWords(o, say)), authority: o.authority })}`,
    );
    out.push(`     ${say('obligations.text.if-not', { consequence: o.consequence })}`);
    out.push(
      `     ${say('obligations.text.law', { statute: o.source.statute, section: o.source.section, url: `<${o.source.url}>`, reviewed: reviewedWords(o, say) })}`,
    );
    for (const u of o.unconfirmed) out.push(`     ${say('obligations.text.unconfirmed', { text: u })}`);
  }
  out.push(`  ${say('obligations.disclaimer')}`);
  return out;
}

/** Markdown lines; `md` escapes text for markdown. */
export function obligationsMarkdown(list: readonly ObligationResult[], md: (s: string) => string, say: Say): string[] {
  const out = [`## ${say('obligations.heading')}`, ''];
  if (!list.length) return [...out, say('obligations.none'), ''];
  const cols = ['obligation', 'kind', 'jurisdiction', 'deadline', 'status'].map((c) => say(`obligations.col.${c}`));
  out.push(`| ${cols.join(' | ')} |`, '|---|---|---|---|---|');
  for (const o of list) {
    const status = o.blocking || o.status === 'overdue' ? `**${statusWord(o, say)}**` : statusWord(o, say);
    const title = say('obligations.md.title-id', { title: md(o.title), id: `\`${o.id}\`` });
    out.push(
      `| ${title} | ${md(kindWord(o, say))} | ${md(o.jurisdiction)} | ${md(deadlineWords(o, say))}${md(filedWords(o, say))} | ${status} |`,
    );
  }
  out.push('');
  for (const o of list) {
    const item = say('obligations.md.item', {
      id: `**${md(o.id)}**`,
      action: md(o.action),
      authority: md(o.authority),
      consequence: md(o.consequence),
    });
    out.push(`- ${item}`);
    const law = say('obligations.md.law', {
      statute: md(o.source.statute),
      section: md(o.source.section),
      url: `<${linkTarget(o.source.url)}>`,
      reviewed: md(reviewedWords(o, say)),
    });
    out.push(`    - ${law}`);
    for (const u of o.unconfirmed) out.push(`    - ${say('obligations.md.unconfirmed', { text: md(u) })}`);
  }
  out.push('', say('obligations.disclaimer'), '');
  return out;
}

/** An HTML section; `esc` escapes text and attribute values, `key` makes the heading ids unique. */
export function obligationsHtml(list: readonly ObligationResult[], esc: (s: string) => string, key: string, say: Say): string {
  const out = [`<section aria-labelledby="${key}-o-h">`, `<h3 id="${key}-o-h">${esc(say('obligations.heading'))}</h3>`];
  if (!list.length) {
    out.push(`<p>${esc(say('obligations.none'))}</p>`, '</section>');
    return out.join('\n');
  }
  for (const o of list) {
    const status = o.blocking || o.status === 'overdue' ? `<strong>${esc(statusWord(o, say))}</strong>` : esc(statusWord(o, say));
    const row = (head: string, cell: string) => `<tr><th scope="row">${esc(say(`obligations.row.${head}`))}</th><td>${cell}</td></tr>`;
    const kind = say('obligations.html.kind', { kind: kindWord(o, say), name: o.jurisdictionName, code: o.jurisdiction });
    const law = say('obligations.html.law', { statute: o.source.statute, section: o.source.section });
    out.push(
      `<h4>${esc(o.title)} <code>${esc(o.id)}</code></h4>`,
      `<table class="obligation" data-status="${esc(o.status)}"><tbody>`,
      row('status', status),
      row('kind', esc(kind)),
      row('action', esc(o.action)),
      row('deadline', esc(deadlineWords(o, say) + filedWords(o, say))),
      row('authority', esc(o.authority)),
      row('if-not', esc(o.consequence)),
      row('law', `${esc(law)} <a href="${esc(o.source.url)}">${esc(o.source.url)}</a>`),
      row('checked', esc(reviewedWords(o, say))),
      ...(o.unconfirmed.length ? [row('unconfirmed', `<ul>${o.unconfirmed.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`)] : []),
      '</tbody></table>',
    );
  }
  out.push(`<p class="note">${esc(say('obligations.disclaimer'))}</p>`, '</section>');
  return out.join('\n');
}
