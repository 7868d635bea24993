import { obligationsHtml } from './obligations-section.js';
import { maxScore, type Level } from '../shared/levels.js';
import type { EvidenceItem, FileResult, Report } from '../report/types.js';
import type { RuleSet } from '../rules/ruleset.js';
import {
  findingNumbers,
  groupFindings,
  impactRatingName,
  likelihoodName,
  mitigationTitle,
  numberedFindings,
  portfolioOrder,
  concernRefs,
  levelCounts,
  methodParagraph,
  scoreOutOf,
  recommendationWords,
  sourcesFor,
  type NumberedFinding,
} from './briefing.js';
import { esc, slug } from './html-escape.js';
import { LEVEL_FILL, heatmapLegend, heatmapSvg } from './html-heatmap.js';
import { styleFor } from './html-style.js';
import { htmlWords, type HtmlWords } from './html-words.js';
import { categoryName, impactName, scenarioName, showValue } from './text-helpers.js';
import type { Formatter } from './types.js';

/**
 * One self-contained HTML page: inline CSS and SVG, no script, no external
 * asset. Several files get a portfolio table first, worst first, linking to
 * each partnership's section. Every string from a partnership file is escaped.
 * Every word of the page's own comes from the html.* labels (html-words.ts).
 */
/** The brief, cited in the page header: <cite>title</cite> (authors, year), from the rule data. */
function briefCite(rules: RuleSet, w: HtmlWords): string {
  const s = rules.sources[rules.matrix.source];
  return s?.short
    ? `<cite>${esc(s.short.title)}</cite> ${w.text('html.header.cite', { authors: s.short.authors, year: s.short.year })}`
    : `<cite>${esc(s?.title ?? rules.matrix.source)}</cite>`;
}

export const formatHtml: Formatter = (report, options) => {
  const rules = options.rules;
  const w = htmlWords(rules, options.lang);
  const say = w.say;
  const anchors = anchorIds(report.results);
  const many = report.results.length > 1;
  const title = many
    ? say.count('html.title.many', report.results.length)
    : say('html.title.one', { name: report.results[0]?.title ?? report.results[0]?.file ?? say('html.title.no-file') });
  const heading = many ? title : say('html.heading');
  const tool = { tool: esc(report.tool.name), version: esc(report.tool.version) };
  const body: string[] = [];
  body.push(
    '<header>',
    `<h1>${esc(heading)}</h1>`,
    `<p class="meta">${w.markup('html.header.assessed', { ...tool, brief: briefCite(rules, w) })}</p>`,
    '</header>',
    '<main>',
  );
  if (many) body.push(portfolio(report, anchors, w));
  // The briefings follow the portfolio table's order.
  (many ? portfolioOrder(report.results) : report.results).forEach((r, k) => {
    const id = anchors.get(r)!;
    body.push(r.valid ? partnership(r, rules, w, id, `p${k + 1}`, many) : invalid(r, w, id, many));
  });
  body.push('</main>', `<footer><p>${w.markup('html.footer', { ...tool, schema: report.schemaVersion })}</p></footer>`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(options.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${styleFor(options.lang)}</style>`,
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

function badge(level: Level, w: HtmlWords): string {
  return `<span class="level level-${level}">${esc(w.levelTitle(level))}</span>`;
}

/** A column head; a soft hyphen in the label may break a long word. */
function th(w: HtmlWords, key: string, vars: Record<string, string | number> = {}, cls = ''): string {
  return `<th scope="col"${cls ? ` class="${cls}"` : ''}>${w.text(key, vars).replace(/\u00ad/g, '&shy;')}</th>`;
}

function portfolio(report: Report, anchors: Map<FileResult, string>, w: HtmlWords): string {
  const s = report.summary;
  const say = w.say;
  const counts = (['critical', 'high', 'medium', 'low'] as const)
    .filter((l) => s.byLevel[l])
    .map((l) => say('common.level-count', { count: s.byLevel[l], level: w.level(l) }));
  if (s.invalid) counts.push(say('html.portfolio.invalid-count', { count: s.invalid }));
  const out = [
    '<section id="portfolio" aria-labelledby="portfolio-h">',
    `<h2 id="portfolio-h">${w.text('html.portfolio.heading')}</h2>`,
    `<p>${w.markup('html.portfolio.intro', { files: w.count('html.portfolio.files', s.files), counts: esc(w.list(counts)) })}</p>`,
    '<table class="portfolio">',
    `<caption class="note">${w.text('html.portfolio.caption')}</caption>`,
    `<thead><tr>${th(w, 'html.portfolio.col.partnership')}${th(w, 'html.portfolio.col.status')}${th(w, 'html.portfolio.col.level')}${th(w, 'html.portfolio.col.score', {}, 'num')}${th(w, 'html.portfolio.col.recommendation')}${th(w, 'html.portfolio.col.findings', {}, 'num')}${th(w, 'html.portfolio.col.consult', {}, 'num')}${th(w, 'html.portfolio.col.gaps', {}, 'num')}</tr></thead>`,
    '<tbody>',
  ];
  for (const r of portfolioOrder(report.results)) {
    const link = `<a href="#${anchors.get(r)}">${esc(r.title ?? r.id ?? r.file)}</a>`;
    if (!r.valid) {
      out.push(
        `<tr data-level="invalid"><th scope="row">${link}<br><code>${esc(r.file)}</code></th><td></td><td>${w.text('html.portfolio.invalid-file')}</td><td class="num">-</td><td>${w.text('html.portfolio.fix-file')}</td><td class="num">-</td><td class="num">-</td><td class="num">-</td></tr>`,
      );
      continue;
    }
    out.push(
      `<tr data-level="${r.level}"><th scope="row">${link}<br><code>${esc(r.id ?? '')}</code></th><td>${esc(r.status ? w.status(r.status) : '')}</td><td>${badge(r.level!, w)}</td>` +
        `<td class="num">${r.score}</td><td>${esc(w.recommendation(r.foresight!.recommendation))}</td><td class="num">${r.findings.length}</td>` +
        `<td class="num">${r.stakeholders.filter((x) => !x.consulted).length}</td><td class="num">${r.gaps.length}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>', '</section>');
  return out.join('\n');
}

function partnership(r: FileResult, rules: RuleSet, w: HtmlWords, id: string, key: string, many: boolean): string {
  const say = w.say;
  const f = r.foresight!;
  const groups = groupFindings(r, rules);
  const all = numberedFindings(groups);
  const numbers = findingNumbers(groups);
  const name = r.title ?? r.id ?? r.file;
  const back = ` <a class="back" href="#portfolio">${w.text('html.back')}</a>`;
  const semicolon = say('html.list.semicolon');
  const out: string[] = [];
  out.push(`<article class="partnership" id="${id}" aria-labelledby="${id}-h" data-level="${r.level}">`);
  out.push(`<h2 id="${id}-h">${esc(name)}</h2>`);
  const status = r.status ? w.status(r.status) : say('common.not-stated');
  out.push(
    `<p class="meta">${w.markup('html.partnership.meta', { id: `<code>${esc(r.id ?? '')}</code>`, status: esc(status), file: `<code>${esc(r.file)}</code>` })}${many ? back : ''}</p>`,
  );

  // Summary
  const toConsult = r.stakeholders.filter((s) => !s.consulted).length;
  const after = w.markup('html.summary.after', {
    badge: badge(r.level!, w),
    score: esc(scoreOutOf(r.score!, rules, w.say)),
    level: esc(w.level(r.inherent!.level)),
    inherent: r.inherent!.score,
  });
  const counts = {
    findings: r.findings.length
      ? say.count('html.summary.findings', r.findings.length, { levels: levelCounts(r.findings, w.say) })
      : say('html.summary.no-finding'),
    consult: say.count('html.summary.consult', toConsult),
    gaps: say.count('html.summary.gaps', r.gaps.length),
  };
  out.push(
    '<div class="summary">',
    `<p class="headline"><strong>${w.text('html.summary.risk')}</strong> ${after} ` +
      `<strong>${w.text('html.summary.recommendation', { recommendation: w.recommendation(f.recommendation) })}</strong> ${w.text('html.summary.words', { words: recommendationWords(rules, f.recommendation, r.status) })}</p>`,
    `<p>${esc(f.reason)}</p>`,
    `<p>${w.text('html.summary.counts', counts)}</p>`,
    '</div>',
  );

  // Heat map
  out.push(`<section aria-labelledby="${key}-hm-h">`, `<h3 id="${key}-hm-h">${w.text('html.heatmap.heading')}</h3>`);
  if (all.length) {
    out.push(
      '<figure>',
      `<figcaption>${w.text('html.heatmap.caption')}</figcaption>`,
      heatmapSvg(all, rules, key, say('html.heatmap.label', { name }), w),
      heatmapLegend(rules, w),
      '</figure>',
    );
  } else {
    out.push(`<p>${w.text('html.heatmap.empty')}</p>`);
  }
  out.push('</section>');

  // Category bars
  out.push(
    `<section aria-labelledby="${key}-cat-h">`,
    `<h3 id="${key}-cat-h">${w.text('html.categories.heading')}</h3>`,
    '<table class="categories">',
  );
  out.push(
    `<thead><tr>${th(w, 'html.col.category')}${th(w, 'html.col.level')}${th(w, 'html.categories.col.score', { max: maxScore(rules.bands) })}${th(w, 'html.categories.col.now', {}, 'num')}${th(w, 'html.categories.col.before', {}, 'num')}</tr></thead><tbody>`,
  );
  for (const c of r.categories) {
    out.push(
      `<tr data-category="${esc(c.id)}"><th scope="row">${esc(categoryName(rules, c.id))}</th><td>${badge(c.level, w)}</td><td>${categoryBar(c.score, c.inherentScore, c.level, rules, w)}</td>` +
        `<td class="num">${c.score}</td><td class="num">${c.inherentScore}</td></tr>`,
    );
  }
  out.push('</tbody></table>', '</section>');

  out.push(obligationsHtml(r.obligations ?? [], esc, key, w.say));

  // Findings
  out.push(`<section aria-labelledby="${key}-f-h">`, `<h3 id="${key}-f-h">${w.text('html.findings.heading')}</h3>`);
  if (!groups.length) out.push(`<p>${w.text('html.findings.none')}</p>`);
  for (const g of groups) {
    const cat = r.categories.find((c) => c.id === g.id);
    out.push(`<h4>${esc(categoryName(rules, g.id))}${cat ? ` ${badge(cat.level, w)}` : ''}</h4>`);
    for (const x of g.findings) out.push(findingHtml(x, rules, w, key));
  }
  out.push('</section>');

  // Foresight
  out.push(`<section aria-labelledby="${key}-fs-h">`, `<h3 id="${key}-fs-h">${w.text('html.steps.heading')}</h3>`, '<ol class="steps">');
  for (const s of f.steps) {
    out.push(`<li><h4>${w.text('html.steps.step', { step: s.step, title: s.title })}</h4>`, `<p>${esc(s.outcome)}</p>`);
    if (s.answers.length) {
      out.push(
        `<table><thead><tr>${th(w, 'html.col.question')}${th(w, 'html.steps.col.answer')}${th(w, 'html.steps.col.from-file')}</tr></thead><tbody>`,
      );
      for (const a of s.answers) {
        const answer = w.text(a.answer === 'unknown' ? 'html.answer.unknown' : a.answer === 'yes' ? 'html.answer.yes' : 'html.answer.no');
        const open = a.open?.length
          ? `<ul>${a.open.map((o) => `<li>${w.text('html.steps.settle', { question: o.question })} <code>${esc(o.path)}</code></li>`).join('')}</ul>`
          : '';
        out.push(
          `<tr><th scope="row">${esc(a.question)}</th><td class="answer">${answer}</td><td>${open || evidenceList(a.evidence, w)}</td></tr>`,
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
      `<h3 id="${key}-m-h">${w.text('html.management.heading')}</h3>`,
      `<table><thead><tr>${th(w, 'html.col.category')}${th(w, 'html.col.level')}${th(w, 'html.management.col.add')}${th(w, 'html.management.col.monitor')}</tr></thead><tbody>`,
    );
    for (const m of r.management.categories) {
      const add = m.available.length
        ? m.available.map((a) => esc(mitigationTitle(rules, a))).join(esc(semicolon))
        : w.text('html.management.none-left');
      out.push(
        `<tr><th scope="row">${esc(categoryName(rules, m.id))}</th><td>${badge(m.level, w)}${m.stop ? `<br><strong>${w.text('html.management.stop')}</strong>` : ''}</td><td>${add}</td><td>${m.monitor ? esc(m.monitor) : w.text('html.management.nothing-to-monitor')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    if (r.management.triggers.length)
      out.push(
        `<p><strong>${w.text('html.management.triggers')}</strong></p><ul>${r.management.triggers.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`,
      );
    out.push('</section>');
  }

  // Stakeholders
  out.push(`<section aria-labelledby="${key}-s-h">`, `<h3 id="${key}-s-h">${w.text('html.stakeholders.heading')}</h3>`);
  if (r.stakeholders.length) {
    out.push(
      `<table><thead><tr>${th(w, 'html.stakeholders.col.stakeholder')}${th(w, 'html.stakeholders.col.status')}${th(w, 'html.stakeholders.col.concerns')}${th(w, 'html.stakeholders.col.questions')}</tr></thead><tbody>`,
    );
    for (const s of r.stakeholders) {
      out.push(
        `<tr><th scope="row">${esc(s.name)} <code>${esc(s.code)}</code></th><td class="nowrap">${s.consulted ? w.text('html.stakeholders.consulted') : `<strong>${w.text('html.stakeholders.to-consult')}</strong>`}</td>` +
          `<td>${esc(w.list(concernRefs(s.reasons, numbers)))}</td><td><ul>${s.questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push(`<p>${w.text('html.stakeholders.none')}</p>`);
  }
  out.push('</section>');

  // Gaps
  out.push(`<section aria-labelledby="${key}-g-h">`, `<h3 id="${key}-g-h">${w.text('html.gaps.heading')}</h3>`);
  if (r.gaps.length) {
    out.push(`<p>${w.text('html.gaps.intro')}</p>`);
    out.push(
      `<table><thead><tr>${th(w, 'html.col.question')}${th(w, 'html.gaps.col.field')}${th(w, 'html.gaps.col.could-reach')}${th(w, 'html.gaps.col.ask')}</tr></thead><tbody>`,
    );
    for (const g of r.gaps) {
      out.push(
        `<tr><th scope="row">${esc(g.question)}</th><td><code>${esc(g.path)}</code></td><td>${badge(g.potential, w)}</td><td>${esc(w.list(g.ask))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push(`<p>${w.text('html.gaps.none')}</p>`);
  }
  out.push('</section>');

  // Accepted risks
  const accepted = all.filter((x) => x.finding.accepted);
  out.push(`<section aria-labelledby="${key}-a-h">`, `<h3 id="${key}-a-h">${w.text('html.accepted.heading')}</h3>`);
  if (accepted.length) {
    out.push(`<p>${w.text('html.accepted.intro', { level: w.level(r.openLevel ?? 'low') })}</p>`, '<ul>');
    for (const { n, finding: x } of accepted) {
      const a = x.acceptance;
      const by = a ? w.text('html.accepted.item', { who: a.approved_by, date: say.date(a.expires), reason: a.reason }) : '';
      out.push(`<li><a href="#${key}-f${n}">F${n}</a> ${esc(x.title)} ${badge(x.residual.level, w)}${by}</li>`);
    }
    out.push('</ul>');
  } else {
    out.push(`<p>${w.text('html.accepted.none')}</p>`);
  }
  out.push('</section>');

  if (r.warnings.length)
    out.push(
      `<section aria-labelledby="${key}-w-h"><h3 id="${key}-w-h">${w.text('html.warnings.heading')}</h3><ul>${r.warnings.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></section>`,
    );

  // Method
  out.push(`<section aria-labelledby="${key}-src-h">`, `<h3 id="${key}-src-h">${w.text('html.method.heading')}</h3>`);
  out.push(`<p>${esc(methodParagraph(rules, w.say))}</p>`, '<ol class="sources">');
  for (const s of sourcesFor(r, rules)) out.push(`<li>${esc(s.citation)}${s.url ? ` <a href="${esc(s.url)}">${esc(s.url)}</a>` : ''}</li>`);
  out.push('</ol>', '</section>');

  out.push('</article>');
  return out.join('\n');
}

function categoryBar(score: number, inherent: number, level: Level, rules: RuleSet, w: HtmlWords): string {
  const width = 250;
  const x = (v: number) => Math.round((v / maxScore(rules.bands)) * width);
  const out = scoreOutOf(score, rules, w.say);
  const label = inherent !== score ? w.say('html.categories.bar-moved', { score: out, inherent }) : out;
  return (
    `<svg class="bar" width="${width + 2}" height="20" viewBox="0 0 ${width + 2} 20" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
    `<rect x="1" y="3" width="${width}" height="14" fill="#f3f3f3" stroke="#8a8a8a"/>` +
    (inherent !== score
      ? `<rect x="1" y="3" width="${x(inherent)}" height="14" fill="none" stroke="#1b1b1b" stroke-dasharray="3 2"/>`
      : '') +
    `<rect x="1" y="3" width="${x(score)}" height="14" fill="${LEVEL_FILL[level]}" stroke="#1b1b1b"/></svg>`
  );
}

function evidenceValue(value: unknown, w: HtmlWords): string {
  return Array.isArray(value) ? value.map(String).join(', ') : showValue(value, w.say);
}

function evidenceList(items: readonly EvidenceItem[], w: HtmlWords): string {
  if (!items.length) return `<span class="note">${w.text('html.evidence.none')}</span>`;
  return `<ul>${items
    .map(
      (e) =>
        `<li><code>${esc(e.path)}</code> = ${esc(evidenceValue(e.value, w))}${e.line !== undefined ? ` <span class="note">${w.text('html.evidence.line', { line: e.line })}</span>` : ''}${e.note ? w.text('html.evidence.note', { note: e.note }) : ''}</li>`,
    )
    .join('')}</ul>`;
}

function findingHtml({ n, finding: x }: NumberedFinding, rules: RuleSet, w: HtmlWords, key: string): string {
  const say = w.say;
  const semicolon = say('html.list.semicolon');
  const tags = [
    badge(x.residual.level, w),
    ...(x.accepted ? [`<strong>${w.text('html.finding.accepted')}</strong>`] : []),
    ...(x.blocking ? [`<strong>${w.text('html.finding.blocking')}</strong>`] : []),
  ];
  const rs = x.residual;
  const moved = rs.likelihood !== x.likelihood || rs.impact !== x.impact;
  const before = w.text('html.finding.score', {
    likelihood: x.likelihood,
    likelihood_name: likelihoodName(rules, x.likelihood).toLowerCase(),
    impact: x.impact,
    impact_name: impactRatingName(rules, x.impact).toLowerCase(),
    score: x.score,
    level: w.level(x.level),
  });
  const score = moved
    ? w.markup('html.finding.moved', {
        before,
        after: `<strong>${w.text('html.finding.after', { likelihood: rs.likelihood, impact: rs.impact, score: rs.score, level: w.level(rs.level) })}</strong>`,
      })
    : w.markup('html.finding.unmoved', { before });
  const facts: [string, string][] = [
    ['scenario', esc(scenarioName(rules, x.scenario))],
    ['impact', esc(x.impacts.map((i) => impactName(rules, i)).join(semicolon))],
    [
      'score',
      score +
        (x.modifiers.length
          ? `<ul>${x.modifiers
              .map(
                (m) =>
                  `<li>${w.text('html.finding.modifier', { rating: say(`html.finding.rating.${m.rating}`), add: `${m.add > 0 ? '+' : ''}${m.add}`, note: m.note })}</li>`,
              )
              .join('')}</ul>`
          : ''),
    ],
    ['evidence', evidenceList(x.evidence, w)],
    ['what-to-do', esc(x.recommendation)],
  ];
  if (rs.mitigations.length) facts.push(['safeguards-in-place', esc(rs.mitigations.map((m) => mitigationTitle(rules, m)).join(semicolon))]);
  if (x.available.length) facts.push(['safeguards-available', esc(x.available.map((m) => mitigationTitle(rules, m)).join(semicolon))]);
  if (x.accepted && x.acceptance)
    facts.push([
      'accepted',
      w.text('html.finding.accepted-by', {
        who: x.acceptance.approved_by,
        date: say.date(x.acceptance.expires),
        reason: x.acceptance.reason,
      }),
    ]);
  facts.push([
    'consult',
    w.markup('html.finding.consult', { stakeholders: esc(w.list(x.stakeholders)), rule: `<code>${esc(x.ruleId)}</code>` }),
  ]);
  return [
    `<section class="finding lv-${rs.level}" id="${key}-f${n}" data-finding="F${n}" data-rule="${esc(x.ruleId)}" data-l="${rs.likelihood}" data-i="${rs.impact}">`,
    `<h5><span class="fnum">F${n}</span>${esc(x.title)} ${tags.join(' ')}</h5>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${w.text(`html.fact.${k}`)}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</section>',
  ].join('\n');
}

function invalid(r: FileResult, w: HtmlWords, id: string, many: boolean): string {
  const say = w.say;
  return [
    `<article class="partnership invalid" id="${id}" aria-labelledby="${id}-h" data-level="invalid">`,
    `<h2 id="${id}-h">${w.text('html.invalid.heading', { file: r.file })}</h2>`,
    many ? `<p><a class="back" href="#portfolio">${w.text('html.back')}</a></p>` : '',
    `<p>${w.text('html.invalid.intro')}</p>`,
    `<ul>${r.errors
      .map((e) => {
        const at = w.list(
          [
            e.line !== undefined ? say('html.invalid.line', { line: e.line }) : '',
            e.column !== undefined ? say('html.invalid.column', { column: e.column }) : '',
          ].filter(Boolean),
        );
        return `<li>${at ? w.text('html.invalid.at', { at }) : ''}${e.path ? `<code>${esc(e.path)}</code>: ` : ''}${esc(e.message)}</li>`;
      })
      .join('')}</ul>`,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}
