import type * as Sarif from 'sarif';
import { HOMEPAGE } from '../shared/version.js';
import { scoreToLevel, type Level } from '../shared/levels.js';
import { findingLine, posixPath, whole, type PieceFormat } from './ci.js';
import { obligationLine } from './obligations-section.js';

/** The pseudo-rule under which invalid files are reported. */
export const INVALID_FILE_RULE = 'invalid-partnership-file';

// Where a rule's help lives online: the package's `homepage` (with an anchor
// per rule) when package.json sets one. It does not yet, so rules carry their
// help as text and markdown and no helpUri: we do not invent a public URL.

const SARIF_LEVEL: Record<Level, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function uri(file: string): string {
  return posixPath(file).split('/').map(encodeURIComponent).join('/');
}

function fingerprint(...parts: string[]): string {
  // node:crypto loads with the first SARIF report, not at every start-up.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/**
 * SARIF 2.1.0 for code scanning: one run, every rule of the rule set (plus
 * the invalid-file pseudo-rule) in tool.driver.rules, a result per finding
 * and per file error. Accepted findings carry an accepted external
 * suppression. Fingerprints hash rule, file and partnership id, not the
 * line, so they survive edits elsewhere in the file.
 */
export const sarifPieces: PieceFormat = ({ rules }) => {
  const catalogue = [...rules.rules].sort((a, b) => a.id.localeCompare(b.id));
  const driverRules = catalogue.map((r): Sarif.ReportingDescriptor => {
    const mitigations = r.mitigations.map((m) => rules.mitigations[m]?.title ?? m);
    const text = `${r.recommendation}${mitigations.length ? ` Mitigations: ${mitigations.join('; ')}.` : ''} Details: cdrisk rules show ${r.id}`;
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.title },
      fullDescription: { text: r.rationale },
      help: {
        text,
        markdown: `${r.recommendation}\n\n${mitigations.map((m) => `- ${m}`).join('\n')}${mitigations.length ? '\n\n' : ''}Details: \`cdrisk rules show ${r.id}\``,
      },
      ...(HOMEPAGE ? { helpUri: `${HOMEPAGE}#rule-${r.id}` } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[scoreToLevel(r.likelihood.base * r.impact.base, rules.bands.bands)] },
      properties: { category: r.category, scenario: r.scenario, impacts: r.impacts, tags: [r.category, r.scenario] },
    };
  });
  driverRules.push({
    id: INVALID_FILE_RULE,
    name: pascal(INVALID_FILE_RULE),
    shortDescription: { text: 'The partnership file is invalid' },
    fullDescription: {
      text: "The file has a top-level cdrisk key but cannot be read, parsed or validated against the partnership format, or repeats another file's id.",
    },
    help: {
      text: 'Fix the file at the line shown; `cdrisk schema` prints the format as a JSON Schema.',
      markdown: 'Fix the file at the line shown; `cdrisk schema` prints the format as a JSON Schema.',
    },
    ...(HOMEPAGE ? { helpUri: `${HOMEPAGE}#rule-${INVALID_FILE_RULE}` } : {}),
    defaultConfiguration: { level: 'error' },
    properties: { category: 'format', scenario: 'format', impacts: [], tags: ['format'] },
  });
  // Each obligation of rules/obligations/ is a rule too, so that its results link to the law.
  const legalRules = rules.obligations
    .flatMap((pack) => pack.obligations)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o) => ({
      id: o.id,
      name: pascal(o.id),
      shortDescription: { text: o.title },
      fullDescription: { text: `${o.source.statute}, ${o.source.section}. ${o.consequence}` },
      help: { text: `${o.action} ${o.source.url}`, markdown: `${o.action}\n\n${o.source.statute}, ${o.source.section}: <${o.source.url}>` },
      defaultConfiguration: { level: o.kind === 'prohibition' ? ('error' as const) : ('warning' as const) },
      properties: { kind: o.kind, jurisdiction: o.jurisdiction, tags: ['obligation', o.kind, o.jurisdiction] },
    }));
  const allRules = [...driverRules, ...legalRules];
  const index = new Map(allRules.map((r, i) => [r.id, i]));

  return {
    entry(r) {
      const results: Sarif.Result[] = [];
      const artifactLocation = { uri: uri(r.file) };
      for (const e of r.errors) {
        results.push({
          ruleId: INVALID_FILE_RULE,
          ruleIndex: index.get(INVALID_FILE_RULE),
          level: 'error',
          message: { text: e.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation,
                region: { startLine: Math.max(1, e.line ?? 1), ...(e.column && e.column >= 1 ? { startColumn: e.column } : {}) },
              },
            },
          ],
          partialFingerprints: { 'cdriskFinding/v1': fingerprint(INVALID_FILE_RULE, posixPath(r.file), e.path ?? '', e.message) },
        });
      }
      for (const f of r.findings) {
        results.push({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.residual.level],
          message: {
            text: `${f.title} (residual ${f.residual.level}, score ${f.residual.score}; inherent ${f.level}, score ${f.score}). ${f.recommendation}`,
          },
          locations: [{ physicalLocation: { artifactLocation, region: { startLine: findingLine(f) } } }],
          partialFingerprints: { 'cdriskFinding/v1': fingerprint(f.ruleId, posixPath(r.file), r.id ?? '') },
          ...(f.acceptance
            ? {
                suppressions: [
                  {
                    kind: 'external',
                    status: 'accepted',
                    justification: `${f.acceptance.reason} (approved by ${f.acceptance.approved_by}, until ${f.acceptance.expires})`,
                  },
                ],
              }
            : {}),
          properties: { partnership: r.id, category: f.category, scenario: f.scenario, residualScore: f.residual.score, score: f.score },
        });
      }
      for (const o of r.obligations ?? []) {
        const fails = o.blocking || o.status === 'overdue';
        results.push({
          ruleId: o.id,
          ...(index.has(o.id) ? { ruleIndex: index.get(o.id) } : {}),
          level: fails ? 'error' : o.status === 'due' ? 'warning' : 'note',
          message: {
            text: `${o.title}: ${o.status}${o.deadline.text ? `, ${o.deadline.text}` : ''}. ${o.action} (${o.source.statute}, ${o.source.section})`,
          },
          locations: [{ physicalLocation: { artifactLocation, region: { startLine: obligationLine(o) } } }],
          partialFingerprints: { 'cdriskFinding/v1': fingerprint(o.id, posixPath(r.file), r.id ?? '') },
          properties: { partnership: r.id, kind: o.kind, jurisdiction: o.jurisdiction, status: o.status },
        });
      }
      // Each result as an item of runs[0].results, printed where the log will hold it.
      return results.map((x) => `,\n${indent(RESULT_DEPTH)}${prettyJson(x, RESULT_DEPTH)}`).join('');
    },
    wrap(body, report) {
      const results: Sarif.Result[] = [];
      const log: Sarif.Log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'cdrisk',
                version: report.tool.version,
                semanticVersion: report.tool.version,
                ...(HOMEPAGE ? { informationUri: HOMEPAGE } : {}),
                rules: allRules,
              },
            },
            automationDetails: { id: 'cdrisk/' },
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      };
      // The results were printed file by file (check streams them): the log takes them as its results' items.
      return `${prettyJson(log, 0, new Map([[results, body.slice(1)]]))}\n`;
    },
  };
};

/** How deep the items of runs[0].results sit in the log: log > runs > run > results > item. */
const RESULT_DEPTH = 4;

const indent = (depth: number) => '  '.repeat(depth);

/**
 * JSON as `JSON.stringify(value, null, 2)` prints it, starting at `depth`.
 * An array found in `printed` is not walked: its items are the text given
 * there, already printed at their depth (each after a newline).
 */
export function prettyJson(value: unknown, depth: number, printed?: ReadonlyMap<unknown, string>): string {
  if (Array.isArray(value)) {
    const items = printed?.get(value) ?? value.map((v) => `\n${indent(depth + 1)}${prettyJson(v ?? null, depth + 1, printed)}`).join(',');
    return items ? `[${items}\n${indent(depth)}]` : '[]';
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    return `{${entries.map(([k, v]) => `\n${indent(depth + 1)}${JSON.stringify(k)}: ${prettyJson(v, depth + 1, printed)}`).join(',')}\n${indent(depth)}}`;
  }
  return JSON.stringify(value);
}

export const formatSarif = whole(sarifPieces);
