import type { FileResult } from '../report/types.js';
import { heatCells } from './heatmap.js';
import { categoryName, evidenceLine, impactName, scenarioName } from './text-helpers.js';
import type { FormatOptions, Formatter } from './types.js';

/** A briefing note per partnership, readable as plain text and pasteable into a council paper. */
export const formatMarkdown: Formatter = (report, options) => {
  const parts = report.results.map((r) => (r.valid ? briefing(r, options) : invalid(r)));
  return `${parts.join('\n---\n\n')}`;
};

function briefing(r: FileResult, o: FormatOptions): string {
  const f = r.foresight!;
  const out: string[] = [];
  out.push(`# ${r.title}`, '');
  out.push(`Partnership \`${r.id}\` (${r.status}), file \`${r.file}\`.`, '');
  out.push(
    `**Risk: ${r.level}** (residual score ${r.score} of 25; ${r.inherent!.level}, ${r.inherent!.score}, before safeguards). ` +
      `**Recommendation: ${f.recommendation}.** ${f.reason}`,
    '',
  );
  out.push('## Risk by category', '', '| Category | Level | Score |', '|---|---|---|');
  for (const c of r.categories) out.push(`| ${categoryName(o.rules, c.id)} | ${c.level} | ${c.score} |`);
  out.push('');
  if (r.findings.length) {
    out.push('## Heat map', '', 'Residual findings per cell; likelihood in rows, impact in columns.', '');
    out.push('| Likelihood \\ Impact | 1 | 2 | 3 | 4 | 5 |', '|---|---|---|---|---|---|');
    const cells = heatCells(r.findings, 'residual');
    for (let l = 5; l >= 1; l--) out.push(`| ${l} | ${cells[l - 1].map((n) => (n ? `**${n}**` : '·')).join(' | ')} |`);
    out.push('', '## Findings', '');
    for (const x of r.findings) {
      out.push(`### ${x.title} (${x.residual.level}${x.accepted ? ', accepted' : ''})`, '');
      out.push(`- Scenario: ${scenarioName(o.rules, x.scenario)} (${categoryName(o.rules, x.category)})`);
      out.push(`- Impact: ${x.impacts.map((i) => impactName(o.rules, i)).join('; ')}`);
      out.push(
        `- Score: likelihood ${x.likelihood} x impact ${x.impact} = ${x.score} (${x.level}); after safeguards ${x.residual.likelihood} x ${x.residual.impact} = ${x.residual.score} (${x.residual.level})`,
      );
      out.push(`- Evidence: ${x.evidence.map(evidenceLine).join('; ')}`);
      out.push(`- What to do: ${x.recommendation}`);
      if (x.accepted && x.acceptance) out.push(`- Accepted by ${x.acceptance.approved_by} until ${x.acceptance.expires}: ${x.acceptance.reason}`);
      out.push(`- Rule: \`${x.ruleId}\``, '');
    }
  } else {
    out.push('No scenario of the risk matrix applies to what the file says.', '');
  }
  out.push('## Foresight', '');
  for (const s of f.steps) out.push(`${s.step}. **${s.title}.** ${s.outcome}`);
  out.push('');
  if (r.stakeholders.length) {
    out.push('## Stakeholders to consult', '');
    for (const s of r.stakeholders) {
      out.push(`- **${s.code}** (${s.name}), ${s.consulted ? 'consulted' : 'to consult'}`);
      for (const q of s.questions) out.push(`  - ${q}`);
    }
    out.push('');
  }
  if (r.gaps.length) {
    out.push('## Information still missing', '');
    for (const g of r.gaps) out.push(`- ${g.question} (\`${g.path}\`; ask ${g.ask.join(', ')})`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function invalid(r: FileResult): string {
  const lines = [`# ${r.file}: invalid`, ''];
  for (const e of r.errors) lines.push(`- line ${e.line ?? '?'}, column ${e.column ?? '?'}: ${e.message}`);
  return `${lines.join('\n')}\n`;
}
