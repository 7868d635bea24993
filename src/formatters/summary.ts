// The check command's own outputs: the one-line summary, the default listing
// of what needs attention, and the markdown for $GITHUB_STEP_SUMMARY.
import { LEVELS, type Level } from '../shared/levels.js';
import { fillTemplate } from '../rules/i18n.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Report } from '../report/types.js';
import { failingFindings, findingLine, posixPath, type PieceFormat } from './ci.js';
import { failingObligations, failureWord, obligationLine } from './obligations-section.js';
import { makeSay } from './say.js';

/**
 * `12 files, 1 invalid; low 5, medium 4, high 1, critical 1; 2 failed (--fail-on high); 3 accepted`,
 * in the words of the rule set's labels (rules/i18n) and level names (foresight.terms).
 */
export function summaryLine(
  report: Pick<Report, 'summary'>,
  failOn: string | undefined,
  rules: Pick<RuleSet, 'labels' | 'foresight'>,
): string {
  const s = report.summary;
  const say = (key: string, vars: Record<string, string | number>) => fillTemplate(rules.labels[key] ?? key, vars);
  const levelName = (l: Level) => rules.foresight.terms?.levels[l] ?? l;
  const levels = LEVELS.map((l) => say('summary.level', { level: levelName(l), count: s.byLevel[l] })).join(say('summary.list', {}));
  const files = s.files === 1 ? say('summary.file', {}) : say('summary.files', { count: s.files });
  const failed = failOn ? say('summary.failed', { count: s.failed ?? 0, level: failOn }) : undefined;
  const parts = [
    `${files}${say('summary.list', {})}${say('summary.invalid', { count: s.invalid })}`,
    levels,
    ...(failed ? [failed] : []),
    say('summary.accepted', { count: s.accepted ?? 0 }),
  ];
  return parts.join(say('summary.parts', {}));
}

/** One line per invalid file error and per failing finding, then the summary line. */
export const checkTextPieces: PieceFormat = ({ failOn, rules, lang }) => {
  const say = makeSay(rules, lang);
  const error = say('table.check.error');
  return {
    entry(r) {
      let out = '';
      const file = posixPath(r.file);
      for (const e of r.errors) out += `${file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ${error}: ${e.message}\n`;
      for (const f of failingFindings(r, failOn))
        out += `${file}:${findingLine(f)}: ${say.level(f.residual.level)}: ${f.title} [${f.ruleId}]\n`;
      for (const o of failingObligations(r)) out += `${file}:${obligationLine(o)}: ${failureWord(o)}: ${o.title} [${o.id}]\n`;
      return out;
    },
    wrap: (body, report) => `${body}cdrisk check: ${summaryLine(report, failOn, rules)}\n`,
    verbatim: true,
  };
};

const MAX_ROWS = 50;

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown for a CI job summary: the counts, then the files that need attention (one row a line). */
export const stepSummaryPieces: PieceFormat = ({ failOn, rules, lang }) => {
  const say = makeSay(rules, lang);
  return {
    entry(r) {
      let rows = '';
      const file = cell(posixPath(r.file));
      if (!r.valid) {
        for (const e of r.errors)
          rows += `| \`${file}\`${e.line ? `:${e.line}` : ''} | ${say('table.step-summary.invalid')} | ${cell(e.message)} |\n`;
        return rows;
      }
      for (const f of failingFindings(r, failOn))
        rows += `| \`${file}\`:${findingLine(f)} | ${say.level(f.residual.level)} | ${cell(f.title)} (\`${f.ruleId}\`) |\n`;
      for (const o of failingObligations(r))
        rows += `| \`${file}\`:${obligationLine(o)} | ${failureWord(o)} | ${cell(o.title)} (\`${o.id}\`) |\n`;
      return rows;
    },
    wrap(body, report) {
      const s = report.summary;
      const lines = [
        '## cdrisk check',
        '',
        `| ${[
          say('table.step-summary.files'),
          say('table.step-summary.invalid'),
          ...LEVELS.map((l) => say.level(l)),
          say('table.step-summary.failed'),
          say('table.step-summary.accepted'),
        ]
          .map(cell)
          .join(' | ')} |`,
        `|---:|---:|---:|---:|---:|---:|---:|---:|`,
        `| ${s.files} | ${s.invalid} | ${LEVELS.map((l) => s.byLevel[l]).join(' | ')} | ${failOn ? (s.failed ?? 0) : '-'} | ${s.accepted ?? 0} |`,
        '',
      ];
      const rows = body ? body.slice(0, -1).split('\n') : [];
      if (rows.length) {
        lines.push(
          failOn ? say('table.step-summary.failing', { level: failOn }) : say('table.step-summary.invalid-files'),
          '',
          `| ${['file', 'level', 'problem'].map((k) => cell(say(`table.step-summary.${k}`))).join(' | ')} |`,
          '|---|---|---|',
        );
        lines.push(...rows.slice(0, MAX_ROWS));
        if (rows.length > MAX_ROWS) lines.push('', say('table.step-summary.more', { count: say.number(rows.length - MAX_ROWS) }));
      } else {
        lines.push(failOn ? say('table.step-summary.none-failing', { level: failOn }) : say('table.step-summary.all-valid'));
      }
      return `${lines.join('\n')}\n`;
    },
  };
};
