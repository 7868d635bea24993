// What a draft agreement implies, merged into a partnership before it is
// assessed: `assess --agreement DRAFT`, and `agreement.text` for assess and
// check. No reader is imported here: the CLI reads and scans the draft first.
import { dirname, isAbsolute, join, relative } from 'node:path';
import { assessPartnership } from './assess.js';
import type { EngineContext } from './context.js';
import { invalidResult } from './run.js';
import { isMissing } from './facts.js';
import type { Partnership } from '../load/partnership-schema.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { EvidenceItem, FileResult } from '../report/types.js';
import { MERGED_FACTS, type FactPath } from '../rules/clause-schema.js';
import type { FoundClause, ImpliedFact, ScanResult } from '../scan/scan.js';

/** A draft as the engine gets it: read and scanned, or the reason it could not be. */
export interface DraftInput {
  /** The draft as shown to the user (relative to the working folder). */
  name: string;
  /** Where it was named: `agreement.text` in the file, or --agreement. */
  from: 'agreement.text' | '--agreement';
  scan: ScanResult;
}

/** The draft named by `agreement.text`, relative to the partnership file. */
export function draftPath(file: string, text: string): string {
  return isAbsolute(text) ? text : join(dirname(file), text);
}

/** A draft path as the user reads it. */
export function showDraft(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

const SNIPPET = 160;

function located(f: ImpliedFact, scan: ScanResult): { at: string; sentence?: string; clause?: FoundClause } {
  if (!f.clause) return { at: '' };
  const c = scan.clauses.find(
    (x) => x.id === f.clause!.id && x.page === f.clause!.page && x.paragraph === f.clause!.paragraph && x.line === f.clause!.line,
  );
  const at =
    f.clause.page !== null
      ? `page ${f.clause.page}${f.clause.line !== null ? `, line ${f.clause.line}` : ''}`
      : f.clause.line !== null
        ? `line ${f.clause.line}`
        : `paragraph ${f.clause.paragraph}`;
  const text = c?.text;
  return { at, sentence: text && text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text, clause: c };
}

interface Provenance {
  note: string;
  draft: NonNullable<EvidenceItem['draft']>;
}

/**
 * Merges the facts a draft implies into a partnership. What the file states
 * explicitly wins; where the draft says otherwise, a warning says so. Returns
 * the merged partnership, where each merged value came from (by concrete
 * path, e.g. activities[0].data_access) and the warnings.
 */
export function mergeDraft(
  file: string,
  p: Partnership,
  draft: DraftInput,
): { partnership: Partnership; provenance: Map<string, Provenance>; warnings: string[] } {
  const merged = structuredClone(p) as unknown as { agreement?: Record<string, unknown>; activities?: Record<string, unknown>[] };
  const provenance = new Map<string, Provenance>();
  const warnings: string[] = [];
  for (const path of MERGED_FACTS) {
    const fact = draft.scan.facts[path];
    if (!fact) continue;
    const { at, sentence } = located(fact, draft.scan);
    const where = fact.clause
      ? `the draft ${draft.name} has ${fact.clause.id} at ${at}${sentence ? ` ("${sentence}")` : ''}`
      : `the draft ${draft.name} has no termination or withdrawal clause`;
    const note = fact.clause
      ? `from the draft ${draft.name}, ${at}${sentence ? `: "${sentence}"` : ''}`
      : `from the draft ${draft.name}: ${fact.caveat ?? 'not found in the text'}`;
    const origin = {
      note,
      draft: {
        file: draft.name,
        clause: fact.clause?.id ?? null,
        page: fact.clause?.page ?? null,
        paragraph: fact.clause?.paragraph ?? null,
        line: fact.clause?.line ?? null,
      },
    };
    const [section, key] = path.split('.') as ['agreement' | 'activities[]', string];
    if (section === 'agreement') {
      const current = merged.agreement?.[key];
      if (isMissing(current)) {
        merged.agreement = { ...(merged.agreement ?? {}), [key]: fact.value };
        provenance.set(path, origin);
      } else if (current !== fact.value) {
        warnings.push(`${file}: ${path}: the file says ${String(current)}, but ${where}; the file's value is kept`);
      }
      continue;
    }
    const list = merged.activities ?? [];
    if (!list.length) {
      warnings.push(`${file}: ${path}: ${where}, but the file lists no activities to carry it: add the activity`);
      continue;
    }
    let set = 0;
    list.forEach((a, i) => {
      if (!isMissing(a[key])) return;
      a[key] = fact.value;
      provenance.set(`activities[${i}].${key}`, origin);
      set++;
    });
    if (!set && list.every((a) => a[key] !== fact.value))
      warnings.push(`${file}: ${path}: every activity says ${String(list[0][key])}, but ${where}; the file's values are kept`);
  }
  return { partnership: merged as unknown as Partnership, provenance, warnings };
}

/** Points the evidence that came from the draft at the draft: its note and location instead of a line of the file. */
function annotate(items: EvidenceItem[], provenance: Map<string, Provenance>): EvidenceItem[] {
  return items.map((e) => {
    const from = provenance.get(e.path);
    if (!from) return e;
    const out: EvidenceItem = { path: e.path, value: e.value, note: e.note ? `${e.note}; ${from.note}` : from.note, draft: from.draft };
    return out;
  });
}

/** Assesses a partnership with what its draft implies; a draft that could not be read makes the file invalid. */
export function assessWithDraft(file: string, p: Partnership, source: YamlSource, draft: DraftInput, ctx: EngineContext): FileResult {
  if (draft.scan.error) {
    const at = draft.from === 'agreement.text' ? { path: 'agreement.text', ...source.locate(['agreement', 'text']) } : {};
    return invalidResult(
      file,
      [{ message: `${draft.from === 'agreement.text' ? 'agreement.text: ' : ''}${draft.name}: ${draft.scan.error}`, ...at }],
      p.id,
    );
  }
  const { partnership, provenance, warnings } = mergeDraft(file, p, draft);
  const r = assessPartnership(file, partnership, source, ctx);
  return {
    ...r,
    findings: r.findings.map((f) => ({ ...f, evidence: annotate(f.evidence, provenance) })),
    ...(r.foresight
      ? {
          foresight: {
            ...r.foresight,
            steps: r.foresight.steps.map((s) => ({
              ...s,
              answers: s.answers.map((a) => ({ ...a, evidence: annotate(a.evidence, provenance) })),
            })),
          },
        }
      : {}),
    warnings: [...warnings, ...r.warnings],
  };
}

export type { FactPath };
