import { whole, type PieceFormat } from './ci.js';

/** What JSON.stringify([[x]], null, 2) puts around x, which it indents by four spaces, as a result in the report. */
const NEST_OPEN = '[\n  [\n';
const NEST_CLOSE = '\n  ]\n]';

/**
 * The JSON report, one result at a time: exactly what
 * JSON.stringify(report, null, 2) writes, so that `check` can render each
 * result as it arrives and drop it.
 */
export const jsonPieces: PieceFormat = () => ({
  entry: (r) => JSON.stringify([[r]], null, 2).slice(NEST_OPEN.length, -NEST_CLOSE.length),
  separator: ',\n',
  verbatim: true,
  wrap(body, report) {
    const head = JSON.stringify({ schemaVersion: report.schemaVersion, tool: report.tool }, null, 2).slice(0, -2);
    const summary = JSON.stringify({ summary: report.summary }, null, 2).slice(2);
    return `${head},\n  "results": ${body === '' ? '[]' : `[\n${body}\n  ]`},\n${summary}\n`;
  },
});

export const formatJson = whole(jsonPieces);
