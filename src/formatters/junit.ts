import { failingFindings, findingLine, posixPath, whole, type PieceFormat } from './ci.js';
import { failingObligations, failureWord, obligationLine } from './obligations-section.js';
import { makeSay } from './say.js';

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
export const junitPieces: PieceFormat = ({ failOn, rules, lang }) => {
  const say = makeSay(rules, lang);
  return {
    entry(r) {
      const file = posixPath(r.file);
      const open = `    <testcase classname="cdrisk" name="${escapeXml(file)}" file="${escapeXml(file)}"`;
      if (!r.valid) {
        const body = r.errors.map((e) => `${file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ${e.message}`).join('\n');
        const first = r.errors[0]?.message ?? say('table.invalid-file');
        return `${open}>\n      <error message="${escapeXml(first)}" type="invalid">${escapeXml(body)}</error>\n    </testcase>\n`;
      }
      const failing = failingFindings(r, failOn);
      const legal = failingObligations(r);
      if (failing.length || legal.length) {
        const parts = [
          ...(failing.length
            ? [say.count('table.junit.failing', failing.length, { level: say.level(failOn!), open: say.level(r.openLevel!) })]
            : []),
          ...(legal.length ? [say.count('table.junit.legal', legal.length)] : []),
        ];
        const body = [
          ...failing.map((f) => `${file}:${findingLine(f)}: ${say.level(f.residual.level)} [${f.ruleId}] ${f.title}. ${f.recommendation}`),
          ...legal.map((o) => `${file}:${obligationLine(o)}: ${failureWord(o)} [${o.id}] ${o.title}. ${o.action}`),
        ].join('\n');
        const type = failing.length ? (failOn ?? '') : 'obligation';
        return `${open}>\n      <failure message="${escapeXml(parts.join('; '))}" type="${escapeXml(type)}">${escapeXml(body)}</failure>\n    </testcase>\n`;
      }
      return `${open}/>\n`;
    },
    wrap(body, { summary }) {
      // Escaped text has no '<', so each failing testcase holds exactly one '<failure ' (and each invalid one, one '<error ').
      const failures = body.split('\n      <failure ').length - 1;
      const counts = `tests="${summary.files}" failures="${failures}" errors="${summary.invalid}"`;
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="cdrisk" ${counts}>`,
        `  <testsuite name="cdrisk" ${counts} skipped="0">`,
        `${body}  </testsuite>`,
        '</testsuites>',
        '',
      ].join('\n');
    },
  };
};

export const formatJunit = whole(junitPieces);
