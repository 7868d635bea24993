import type { Format, Formatter } from './types.js';

/** Formatters load on demand so that one format never pays for another's code. */
export const formatters: Record<Format, () => Promise<Formatter>> = {
  table: async () => (await import('./table.js')).formatTable,
  json: async () => (await import('./json.js')).formatJson,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  junit: async () => (await import('./junit.js')).formatJunit,
  html: async () => (await import('./html.js')).formatHtml,
  github: async () => (await import('./github.js')).formatGithub,
};
