import type { Format, Formatter } from './types.js';
import { guardCommandStarts, jsonSafe, termSafe } from './terminal-escape.js';

/**
 * Formats for people and CI logs render from a copy of the report (and of the
 * rule data, which a --rules pack can supply) in which every string has gone
 * through termText: no control character or line break from a file reaches
 * them raw. The JSON formats keep the exact values, escaped as JSON.
 */
const forPeople =
  (f: Formatter, annotations = false): Formatter =>
  (report, options) => {
    const text = f(termSafe(report), { ...options, rules: termSafe(options.rules) });
    return annotations ? text : guardCommandStarts(text);
  };
const asJson =
  (f: Formatter): Formatter =>
  (report, options) =>
    jsonSafe(f(report, options));

/** Formatters load on demand so that one format never pays for another's code. */
export const formatters: Record<Format, () => Promise<Formatter>> = {
  table: async () => forPeople((await import('./table.js')).formatTable),
  json: async () => asJson((await import('./json.js')).formatJson),
  markdown: async () => forPeople((await import('./markdown.js')).formatMarkdown),
  sarif: async () => asJson((await import('./sarif.js')).formatSarif),
  junit: async () => forPeople((await import('./junit.js')).formatJunit),
  html: async () => forPeople((await import('./html.js')).formatHtml),
  github: async () => forPeople((await import('./github.js')).formatGithub, true),
};
