import { obligationsHtml } from './obligations-section.js';
import { maxScore, type Level } from '../shared/levels.js';
import type { EvidenceItem, FileResult, Report } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import {
  findingNumbers,
  groupFindings,
  impactRatingName,
  levelCounts,
  levelLabel,
  likelihoodName,
  methodSentences,
  mitigationTitle,
  numberedFindings,
  portfolioOrder,
  concernRefs,
  recommendationLabel,
  recommendationWords,
  scoreOutOf,
  sourcesFor,
  type NumberedFinding,
} from './briefing.js';
import { esc, slug } from './html-escape.js';
import { LEVEL_FILL, heatmapLegend, heatmapSvg } from './html-heatmap.js';
import { STYLE } from './html-style.js';
import { makeSay, type Say } from './say.js';
import { categoryName, impactName, plural, scenarioName, showValue } from './text-helpers.js';
import type { Formatter } from './types.js';

/**
 * One self-contained HTML page: inline CSS and SVG, no script, no external
 * asset. Several files get a portfolio table first, worst first, linking to
 * each partnership's section. Every string from a partnership file is escaped.
 */
/** The brief, cited in the page header: <cite>title</cite> (authors, year), from the rule data. */
function briefCite(rules: RuleSet): string {
  const s = rules.sources[rules.matrix.source];
  return s?.short
    ? `<cite>${esc(s.short.title)}</cite> (${esc(s.short.authors)}, ${s.short.year})`
    : `<cite>${esc(s?.title ?? rules.matrix.source)}</cite>`;
}

export const formatHtml: Formatter = (report, options) => {
  const rules = options.rules;
  const anchors = anchorIds(report.results);
  const many = report.results.length > 1;
  const title = many
    ? `City diplomacy risk: ${plural(report.results.length, 'partnership')}`
    : `City diplomacy risk: ${report.results[0]?.title ?? report.results[0]?.file ?? 'no file'}`;
  const heading = many ? title : 'City diplomacy risk briefing';
  const body: string[] = [];
  body.push(
    '<header>',
    `<h1>${esc(heading)}</h1>`,
    `<p class="meta">Assessed by ${esc(report.tool.name)} ${esc(report.tool.version)} against the city diplomacy risk matrix of ${briefCite(rules)}.</p>`,
    '</header>',
    '<main>',
  );
  if (many) body.push(portfolio(report, anchors));
  // The briefings follow the portfolio table's order.
  (many ? portfolioOrder(report.results) : report.results).forEach((r, k) => {
    const id = anchors.get(r)!;
    body.push(r.valid ? partnership(r, rules, id, `p${k + 1}`, many) : invalid(r, id, many));
  });
  body.push(
    '</main>',
    `<footer><p>${esc(report.tool.name)} ${esc(report.tool.version)}, report schema ${report.schemaVersion}. This page needs no script and no network.</p></footer>`,
  );
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(options.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

/** Stable fragment ids: p-<id>, made unique by a suffix when two files share an id. */
function anchorIds(results: readonly FileResult[]): Map<FileResult, string> {
  const used = new Set<string>(['portfolio']);
  const map = new Map<FileResult, string>();
  for (const r of results) {
    const base = `p-${slug(r.id ?? r.file)}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    map.set(r, id);
  }
  return map;
}

function badge(level: Level): string {
  return `<span class="level level-${level}">${levelLabel(level)}</span>`;
}

function portfolio(report: Report, anchors: Map<FileResult, string>): string {
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low'] as const).filter((l) => s.byLevel[l]).map((l) => `${s.byLevel[l]} ${l}`);
  if (s.invalid) counts.push(`${s.invalid} invalid`);
  const out = [
    '<section id="portfolio" aria-labelledby="portfolio-h">',
    '<h2 id="portfolio-h">Portfolio</h2>',
    `<p>${esc(plural(s.files, 'partnership file'))}: ${esc(counts.join(', '))}. Worst first; each name links to its briefing below.</p>`,
    '<table class="portfolio">',
    '<caption class="note">Level and score are those left after the safeguards each file declares.</caption>',
    '<thead><tr><th scope="col">Partnership</th><th scope="col">Status</th><th scope="col">Level</th><th scope="col" class="num">Score</th><th scope="col">Recommen&shy;dation</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Consult</th><th scope="col" class="num">Gaps</th></tr></thead>',
    '<tbody>',
  ];
  for (const r of portfolioOrder(report.results)) {
    const link = `<a href="#${anchors.get(r)}">${esc(r.title ?? r.id ?? r.file)}</a>`;
    if (!r.valid) {
      out.push(
        `<tr data-level="invalid"><th scope="row">${link}<br><code>${esc(r.file)}</code></th><td></td><td>Invalid file</td><td class="num">-</td><td>Fix the file</td><td class="num">-</td><td class="num">-</td><td class="num">-</td></tr>`,
      );
      continue;
    }
    out.push(
      `<tr data-level="${r.level}"><th scope="row">${link}<br><code>${esc(r.id ?? '')}</code></th><td>${esc(r.status ?? '')}</td><td>${badge(r.level!)}</td>` +
        `<td class="num">${r.score}</td><td>${esc(recommendationLabel(r.foresight!.recommendation))}</td><td class="num">${r.findings.length}</td>` +
        `<td class="num">${r.stakeholders.filter((x) => !x.consulted).length}</td><td class="num">${r.gaps.length}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>', '</section>');
  return out.join('\n');
}

function partnership(r: FileResult, rules: RuleSet, id: string, key: string, many: boolean): string {
  const f = r.foresight!;
  const groups = groupFindings(r, rules);
  const all = numberedFindings(groups);
  const numbers = findingNumbers(groups);
  const out: string[] = [];
  out.push(`<article class="partnership" id="${id}" aria-labelledby="${id}-h" data-level="${r.level}">`);
  out.push(`<h2 id="${id}-h">${esc(r.title ?? r.id ?? r.file)}</h2>`);
  out.push(
    `<p class="meta">Partnership <code>${esc(r.id ?? '')}</code>, status ${esc(r.status ?? 'not stated')}, from <code>${esc(r.file)}</code>.${many ? ' <a class="back" href="#portfolio">Back to the portfolio</a>' : ''}</p>`,
  );

  // Summary
  const toConsult = r.stakeholders.filter((s) => !s.consulted).length;
  out.push(
    '<div class="summary">',
    `<p class="headline"><strong>Risk:</strong> ${badge(r.level!)} ${scoreOutOf(r.score!, rules)} after the declared safeguards (${esc(r.inherent!.level)}, ${r.inherent!.score}, before them). ` +
      `<strong>Recommendation: ${esc(recommendationLabel(f.recommendation))}</strong> (${esc(recommendationWords(rules, f.recommendation, r.status))}).</p>`,
    `<p>${esc(f.reason)}</p>`,
    `<p>${esc(r.findings.length ? `${plural(r.findings.length, 'finding')} (${levelCounts(r.findings)})` : 'No finding')}; ${esc(plural(toConsult, 'stakeholder'))} still to consult; ${esc(plural(r.gaps.length, 'information gap'))}.</p>`,
    '</div>',
  );

  // Heat map
  out.push(`<section aria-labelledby="${key}-hm-h">`, `<h3 id="${key}-hm-h">Heat map</h3>`);
  if (all.length) {
    out.push(
      '<figure>',
      '<figcaption>Likelihood (up) by impact (across). Each numbered marker is a finding listed below; cells carry their band and score in words.</figcaption>',
      heatmapSvg(all, rules, key, `Heat map of ${r.title ?? r.id ?? r.file}`),
      heatmapLegend(rules),
      '</figure>',
    );
  } else {
    out.push('<p>No finding to place: the heat map is empty.</p>');
  }
  out.push('</section>');

  // Category bars
  out.push(`<section aria-labelledby="${key}-cat-h">`, `<h3 id="${key}-cat-h">Risk by category</h3>`, '<table class="categories">');
  out.push(
    `<thead><tr><th scope="col">Category</th><th scope="col">Level</th><th scope="col">Score out of ${maxScore(rules.bands)}</th><th scope="col" class="num">Now</th><th scope="col" class="num">Before safeguards</th></tr></thead><tbody>`,
  );
  for (const c of r.categories) {
    out.push(
      `<tr data-category="${esc(c.id)}"><th scope="row">${esc(categoryName(rules, c.id))}</th><td>${badge(c.level)}</td><td>${categoryBar(c.score, c.inherentScore, c.level, rules)}</td>` +
        `<td class="num">${c.score}</td><td class="num">${c.inherentScore}</td></tr>`,
    );
  }
  out.push('</tbody></table>', '</section>');

  out.push(obligationsHtml(r.obligations ?? [], esc, key, makeSay(rules)));

  // Findings
  out.push(`<section aria-labelledby="${key}-f-h">`, `<h3 id="${key}-f-h">Findings</h3>`);
  if (!groups.length) out.push('<p>No scenario of the risk matrix applies to what the file says.</p>');
  for (const g of groups) {
    const cat = r.categories.find((c) => c.id === g.id);
    out.push(`<h4>${esc(categoryName(rules, g.id))}${cat ? ` ${badge(cat.level)}` : ''}</h4>`);
    for (const x of g.findings) out.push(findingHtml(x, rules, key));
  }
  out.push('</section>');

  // Foresight
  out.push(`<section aria-labelledby="${key}-fs-h">`, `<h3 id="${key}-fs-h">Foresight steps</h3>`, '<ol class="steps">');
  for (const s of f.steps) {
    out.push(`<li><h4>Step ${s.step}: ${esc(s.title)}</h4>`, `<p>${esc(s.outcome)}</p>`);
    if (s.answers.length) {
      out.push(
        '<table><thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">From the file</th></tr></thead><tbody>',
      );
      for (const a of s.answers) {
        const answer = a.answer === 'unknown' ? 'Not known' : a.answer === 'yes' ? 'Yes' : 'No';
        const open = a.open?.length
          ? `<ul>${a.open.map((o) => `<li>To settle it: ${esc(o.question)} <code>${esc(o.path)}</code></li>`).join('')}</ul>`
          : '';
        out.push(
          `<tr><th scope="row">${esc(a.question)}</th><td class="answer">${answer}</td><td>${open || evidenceList(a.evidence, makeSay(rules))}</td></tr>`,
        );
      }
      out.push('</tbody></table>');
    }
    out.push('</li>');
  }
  out.push('</ol>', '</section>');

  if (r.management) {
    out.push(
      `<section aria-labelledby="${key}-m-h">`,
      `<h3 id="${key}-m-h">Managing the active partnership</h3>`,
      '<table><thead><tr><th scope="col">Category</th><th scope="col">Level</th><th scope="col">Measures to add</th><th scope="col">Monitor</th></tr></thead><tbody>',
    );
    for (const m of r.management.categories) {
      const add = m.available.length ? m.available.map((a) => esc(mitigationTitle(rules, a))).join('; ') : 'None left';
      out.push(
        `<tr><th scope="row">${esc(categoryName(rules, m.id))}</th><td>${badge(m.level)}${m.stop ? '<br><strong>Stop: start disengaging</strong>' : ''}</td><td>${add}</td><td>${m.monitor ? esc(m.monitor) : 'Nothing specific to this case'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    if (r.management.triggers.length)
      out.push(`<p><strong>Triggers:</strong></p><ul>${r.management.triggers.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`);
    out.push('</section>');
  }

  // Stakeholders
  out.push(`<section aria-labelledby="${key}-s-h">`, `<h3 id="${key}-s-h">Stakeholders to consult</h3>`);
  if (r.stakeholders.length) {
    out.push(
      '<table><thead><tr><th scope="col">Stakeholder</th><th scope="col">Status</th><th scope="col">Concerns</th><th scope="col">Questions to put to them</th></tr></thead><tbody>',
    );
    for (const s of r.stakeholders) {
      out.push(
        `<tr><th scope="row">${esc(s.name)} <code>${esc(s.code)}</code></th><td class="nowrap">${s.consulted ? 'Consulted' : '<strong>To consult</strong>'}</td>` +
          `<td>${esc(concernRefs(s.reasons, numbers).join(', '))}</td><td><ul>${s.questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push('<p>No stakeholder needs to be consulted on what the file says.</p>');
  }
  out.push('</section>');

  // Gaps
  out.push(`<section aria-labelledby="${key}-g-h">`, `<h3 id="${key}-g-h">Information gaps</h3>`);
  if (r.gaps.length) {
    out.push('<p>The file does not answer these questions; the answers could raise the level.</p>');
    out.push(
      '<table><thead><tr><th scope="col">Question</th><th scope="col">Field</th><th scope="col">Could reach</th><th scope="col">Ask</th></tr></thead><tbody>',
    );
    for (const g of r.gaps) {
      out.push(
        `<tr><th scope="row">${esc(g.question)}</th><td><code>${esc(g.path)}</code></td><td>${badge(g.potential)}</td><td>${esc(g.ask.join(', '))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push('<p>None: the file answers every question the rules ask.</p>');
  }
  out.push('</section>');

  // Accepted risks
  const accepted = all.filter((x) => x.finding.accepted);
  out.push(`<section aria-labelledby="${key}-a-h">`, `<h3 id="${key}-a-h">Accepted risks</h3>`);
  if (accepted.length) {
    out.push(
      `<p>Accepted risks count in full in the level and the recommendation above; only the CI gate leaves them out (it reads ${esc(r.openLevel ?? 'low')}).</p>`,
      '<ul>',
    );
    for (const { n, finding: x } of accepted) {
      const a = x.acceptance;
      out.push(
        `<li><a href="#${key}-f${n}">F${n}</a> ${esc(x.title)} ${badge(x.residual.level)}${a ? `: accepted by ${esc(a.approved_by)} until ${esc(a.expires)}. ${esc(a.reason)}` : ''}</li>`,
      );
    }
    out.push('</ul>');
  } else {
    out.push('<p>None declared.</p>');
  }
  out.push('</section>');

  if (r.warnings.length)
    out.push(
      `<section aria-labelledby="${key}-w-h"><h3 id="${key}-w-h">Warnings</h3><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>`,
    );

  // Method
  out.push(`<section aria-labelledby="${key}-src-h">`, `<h3 id="${key}-src-h">Method and sources</h3>`);
  out.push(`<p>${esc(methodSentences(rules).join(' '))}</p>`, '<ol class="sources">');
  for (const s of sourcesFor(r, rules)) out.push(`<li>${esc(s.citation)}${s.url ? ` <a href="${esc(s.url)}">${esc(s.url)}</a>` : ''}</li>`);
  out.push('</ol>', '</section>');

  out.push('</article>');
  return out.join('\n');
}

function categoryBar(score: number, inherent: number, level: Level, rules: RuleSet): string {
  const w = 250;
  const x = (v: number) => Math.round((v / maxScore(rules.bands)) * w);
  const label = inherent !== score ? `${scoreOutOf(score, rules)}, ${inherent} before safeguards` : scoreOutOf(score, rules);
  return (
    `<svg class="bar" width="${w + 2}" height="20" viewBox="0 0 ${w + 2} 20" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
    `<rect x="1" y="3" width="${w}" height="14" fill="#f3f3f3" stroke="#8a8a8a"/>` +
    (inherent !== score
      ? `<rect x="1" y="3" width="${x(inherent)}" height="14" fill="none" stroke="#1b1b1b" stroke-dasharray="3 2"/>`
      : '') +
    `<rect x="1" y="3" width="${x(score)}" height="14" fill="${LEVEL_FILL[level]}" stroke="#1b1b1b"/></svg>`
  );
}

function evidenceValue(value: unknown, say: Say): string {
  return Array.isArray(value) ? value.map(String).join(', ') : showValue(value, say);
}

function evidenceList(items: readonly EvidenceItem[], say: Say): string {
  if (!items.length) return '<span class="note">nothing stated</span>';
  return `<ul>${items
    .map(
      (e) =>
        `<li><code>${esc(e.path)}</code> = ${esc(evidenceValue(e.value, say))}${e.line !== undefined ? ` <span class="note">(line ${e.line})</span>` : ''}${e.note ? `: ${esc(e.note)}` : ''}</li>`,
    )
    .join('')}</ul>`;
}

function findingHtml({ n, finding: x }: NumberedFinding, rules: RuleSet, key: string): string {
  const tags = [
    badge(x.residual.level),
    ...(x.accepted ? ['<strong>accepted</strong>'] : []),
    ...(x.blocking ? ['<strong>blocking</strong>'] : []),
  ];
  const rs = x.residual;
  const moved = rs.likelihood !== x.likelihood || rs.impact !== x.impact;
  const score =
    `Likelihood ${x.likelihood} (${esc(likelihoodName(rules, x.likelihood).toLowerCase())}) x impact ${x.impact} (${esc(impactRatingName(rules, x.impact).toLowerCase())}) = ${x.score}, ${x.level}` +
    (moved
      ? ` before safeguards; <strong>${rs.likelihood} x ${rs.impact} = ${rs.score}, ${rs.level}</strong> after them.`
      : '; the declared safeguards do not lower it.');
  const facts: [string, string][] = [
    ['Scenario', esc(scenarioName(rules, x.scenario))],
    ['Impact', esc(x.impacts.map((i) => impactName(rules, i)).join('; '))],
    [
      'Score',
      score +
        (x.modifiers.length
          ? `<ul>${x.modifiers.map((m) => `<li>${esc(m.rating)} ${m.add > 0 ? '+' : ''}${m.add}: ${esc(m.note)}</li>`).join('')}</ul>`
          : ''),
    ],
    ['Evidence', evidenceList(x.evidence, makeSay(rules))],
    ['What to do', esc(x.recommendation)],
  ];
  if (rs.mitigations.length) facts.push(['Safeguards in place', esc(rs.mitigations.map((m) => mitigationTitle(rules, m)).join('; '))]);
  if (x.available.length) facts.push(['Safeguards available', esc(x.available.map((m) => mitigationTitle(rules, m)).join('; '))]);
  if (x.accepted && x.acceptance)
    facts.push(['Accepted', `by ${esc(x.acceptance.approved_by)} until ${esc(x.acceptance.expires)}: ${esc(x.acceptance.reason)}`]);
  facts.push(['Consult', `${esc(x.stakeholders.join(', '))}; rule <code>${esc(x.ruleId)}</code>`]);
  return [
    `<section class="finding lv-${rs.level}" id="${key}-f${n}" data-finding="F${n}" data-rule="${esc(x.ruleId)}" data-l="${rs.likelihood}" data-i="${rs.impact}">`,
    `<h5><span class="fnum">F${n}</span>${esc(x.title)} ${tags.join(' ')}</h5>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</section>',
  ].join('\n');
}

function invalid(r: FileResult, id: string, many: boolean): string {
  return [
    `<article class="partnership invalid" id="${id}" aria-labelledby="${id}-h" data-level="invalid">`,
    `<h2 id="${id}-h">${esc(r.file)}: invalid partnership file</h2>`,
    many ? '<p><a class="back" href="#portfolio">Back to the portfolio</a></p>' : '',
    '<p>The file could not be assessed. Fix these problems and run the assessment again:</p>',
    `<ul>${r.errors
      .map((e) => {
        const at = [e.line !== undefined ? `line ${e.line}` : '', e.column !== undefined ? `column ${e.column}` : '']
          .filter(Boolean)
          .join(', ');
        return `<li>${at ? `${at}: ` : ''}${e.path ? `<code>${esc(e.path)}</code>: ` : ''}${esc(e.message)}</li>`;
      })
      .join('')}</ul>`,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}
