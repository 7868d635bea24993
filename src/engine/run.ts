import type { EngineContext } from './context.js';
import { assessPartnership } from './assess.js';
import { assessWithDraft, draftPath } from './draft.js';
import { obligationFails } from './obligations.js';
import { LEVELS, levelRank, type Level } from '../shared/levels.js';
import type { FileResult, Report } from '../report/types.js';
import { VERSION } from '../shared/version.js';
import { REPORT_SCHEMA_VERSION } from '../report/schema.js';

/** Loads and assesses one file's bytes. Never throws for bad input: it returns an invalid result. */
export function assessBytes(file: string, bytes: Uint8Array, ctx: EngineContext): FileResult {
  const loaded = ctx.loader.load(file, bytes);
  if (!loaded.ok) return invalidResult(file, loaded.errors, loaded.id);
  const draft = ctx.drafts?.get(file);
  const result = draft
    ? assessWithDraft(file, loaded.partnership, loaded.source, draft, ctx)
    : assessPartnership(file, loaded.partnership, loaded.source, ctx);
  const text = draft ? undefined : loaded.partnership.agreement?.text;
  const withDraft = text === undefined ? result : { ...result, pendingDraft: draftPath(file, text) };
  // Old spellings read from the file (rules/renamed.yaml) come first among the warnings.
  return loaded.warnings.length ? { ...withDraft, warnings: [...loaded.warnings, ...withDraft.warnings] } : withDraft;
}

export function invalidResult(file: string, errors: FileResult['errors'], id?: string): FileResult {
  return {
    file,
    id: id ?? null,
    valid: false,
    errors,
    level: null,
    score: null,
    openLevel: null,
    categories: [],
    findings: [],
    stakeholders: [],
    gaps: [],
    warnings: [],
  };
}

/** Puts results in file order, rejects duplicate partnership ids and adds the summary. */
export function buildReport(results: FileResult[], failOn?: Level): Report {
  const sorted = markDuplicateIds([...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  let invalid = 0;
  let failed = 0;
  let accepted = 0;
  for (const r of sorted) {
    if (!r.valid) {
      invalid++;
      continue;
    }
    byLevel[r.level as Level]++;
    accepted += r.findings.filter((f) => f.accepted).length;
    if (failOn && fails(r, failOn)) failed++;
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'cdrisk', version: VERSION },
    results: sorted,
    summary: { files: sorted.length, invalid, byLevel, ...(failOn ? { failed } : {}), accepted },
  };
}

/**
 * A partnership id must be unique across the run: every file that shares an
 * id with another becomes an invalid result whose error names the other
 * files, so the run exits 2 and every format shows the problem at the file.
 */
export function markDuplicateIds(sorted: FileResult[]): FileResult[] {
  const byId = new Map<string, string[]>();
  for (const r of sorted) {
    if (!r.valid || r.id === null) continue;
    const files = byId.get(r.id);
    if (files) files.push(r.file);
    else byId.set(r.id, [r.file]);
  }
  return sorted.map((r) => {
    const files = r.valid && r.id !== null ? byId.get(r.id) : undefined;
    if (!files || files.length < 2) return r;
    return duplicateId(r.file, r.id!, files, r.warnings);
  });
}

/** The invalid result for a file whose partnership id `files` (this one among them) share. */
export function duplicateId(file: string, id: string, files: readonly string[], warnings: string[]): FileResult {
  const others = files.filter((f) => f !== file);
  const message = `duplicate partnership id "${id}": also used by ${others.join(', ')}; ids must be unique within a repository`;
  return { ...invalidResult(file, [{ message, path: 'id' }], id), warnings };
}

/** A valid file fails the gate when a finding not covered by an accepted risk reaches the level. */
export function fails(r: FileResult, failOn: Level): boolean {
  // A legal prohibition or an overdue obligation fails the gate at any --fail-on level.
  return r.valid && ((r.openLevel !== null && levelRank(r.openLevel) >= levelRank(failOn)) || obligationFails(r));
}

export function exitCode(report: Report, failOn?: Level): 0 | 1 | 2 {
  if (report.summary.invalid > 0) return 2;
  if (failOn && report.results.some((r) => fails(r, failOn))) return 1;
  return 0;
}
