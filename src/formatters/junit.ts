import type { Formatter } from './types.js';
import { failingFindings, findingLine, posixPath } from './ci.js';

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML: one testcase per file. An invalid file is an error; a file with
 * open findings at or above --fail-on is a failure (without --fail-on no file
 * fails); the others pass.
 */
export const formatJunit: Formatter = (report, { failOn }) => {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const r of report.results) {
    const file = posixPath(r.file);
    const open = `    <testcase classname="cdrisk" name="${escapeXml(file)}" file="${escapeXml(file)}"`;
    if (!r.valid) {
      errors++;
      const body = r.errors.map((e) => `${file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ${e.message}`).join('\n');
      const first = r.errors[0]?.message ?? 'invalid partnership file';
      cases.push(`${open}>\n      <error message="${escapeXml(first)}" type="invalid">${escapeXml(body)}</error>\n    </testcase>`);
      continue;
    }
    const failing = failingFindings(r, failOn);
    if (failing.length) {
      failures++;
      const message = `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${failOn}; residual level ${r.openLevel}`;
      const body = failing
        .map((f) => `${file}:${findingLine(f)}: ${f.residual.level} [${f.ruleId}] ${f.title}. ${f.recommendation}`)
        .join('\n');
      cases.push(`${open}>\n      <failure message="${escapeXml(message)}" type="${escapeXml(failOn ?? '')}">${escapeXml(body)}</failure>\n    </testcase>`);
      continue;
    }
    cases.push(`${open}/>`);
  }
  const n = report.results.length;
  const counts = `tests="${n}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdrisk" ${counts}>`,
    `  <testsuite name="cdrisk" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
