import { levelRank } from '../shared/levels.js';
import { failingFindings, findingLine, posixPath, whole, type PieceFormat } from './ci.js';
import { failingObligations, failureWord, obligationLine } from './obligations-section.js';
import { makeSay } from './say.js';

/** Escapes the message of a workflow command (GitHub's escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (GitHub's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind} ${p}::${escapeData(message)}\n`;
}

/**
 * GitHub Actions workflow commands: an error for each invalid file and each
 * finding that fails the --fail-on gate, a warning for other open findings at
 * the attention level of bands.yaml (high) or above and for expired acceptances.
 */
export const githubPieces: PieceFormat = ({ failOn, rules, lang }) => {
  const say = makeSay(rules, lang);
  return {
    entry(r) {
      let out = '';
      const file = posixPath(r.file);
      for (const e of r.errors) {
        out += command(
          'error',
          { file, line: e.line ?? 1, ...(e.column ? { col: e.column } : {}), title: `cdrisk: ${say('table.invalid-file')}` },
          e.message,
        );
      }
      const failing = new Set(failingFindings(r, failOn));
      for (const f of r.findings) {
        if (f.accepted) continue;
        const fails = failing.has(f);
        if (!fails && levelRank(f.residual.level) < levelRank(rules.bands.attention)) continue;
        out += command(
          fails ? 'error' : 'warning',
          { file, line: findingLine(f), title: `cdrisk ${say.level(f.residual.level)}: ${f.title} [${f.ruleId}]` },
          say('table.github.finding', {
            title: f.title,
            level: say.level(f.residual.level),
            score: f.residual.score,
            recommendation: f.recommendation,
          }),
        );
      }
      for (const o of failingObligations(r)) {
        out += command(
          'error',
          { file, line: obligationLine(o), title: `cdrisk ${failureWord(o)}: ${o.title} [${o.id}]` },
          say('table.github.obligation', {
            action: o.action,
            statute: o.source.statute,
            section: o.source.section,
            deadline: o.deadline.text,
          }),
        );
      }
      for (const w of r.warnings) out += command('warning', { file, line: 1, title: `cdrisk: ${say('table.github.accepted-risk')}` }, w);
      return out;
    },
    wrap: (body) => body,
    verbatim: true,
  };
};

export const formatGithub = whole(githubPieces);
