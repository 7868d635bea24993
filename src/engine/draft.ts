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
import type { EngineWords } from './words.js';

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

function located(f: ImpliedFact, scan: ScanResult, w: EngineWords): { at: string; sentence?: string; clause?: FoundClause } {
  if (!f.clause) return { at: '' };
  const c = scan.clauses.find(
    (x) => x.id === f.clause!.id && x.page === f.clause!.page && x.paragraph === f.clause!.paragraph && x.line === f.clause!.line,
  );
  const { page, line, paragraph } = f.clause;
  const at =
    page !== null
      ? line !== null
        ? w('draft.at-page-line', { page, line })
        : w('draft.at-page', { page })
      : line !== null
        ? w('draft.at-line', { line })
        : w('draft.at-paragraph', { paragraph });
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
  w: EngineWords,
): { partnership: Partnership; provenance: Map<string, Provenance>; warnings: string[] } {
  const merged = structuredClone(p) as unknown as { agreement?: Record<string, unknown>; activities?: Record<string, unknown>[] };
  const provenance = new Map<string, Provenance>();
  const warnings: string[] = [];
  for (const path of MERGED_FACTS) {
    const fact = draft.scan.facts[path];
    if (!fact) continue;
    const { at, sentence } = located(fact, draft.scan, w);
    const name = draft.name;
    const where = fact.clause
      ? w(sentence ? 'draft.has-quoted' : 'draft.has', { name, clause: fact.clause.id, at, sentence: sentence ?? '' })
      : w('draft.has-none', { name });
    const note = fact.clause
      ? w(sentence ? 'draft.from-quoted' : 'draft.from', { name, at, sentence: sentence ?? '' })
      : w('draft.from-absent', { name, caveat: fact.caveat ?? w('draft.not-found') });
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
        warnings.push(w('warning.draft-differs', { file, path, value: String(current), where }));
      }
      continue;
    }
    const list = merged.activities ?? [];
    if (!list.length) {
      warnings.push(w('warning.draft-no-activities', { file, path, where }));
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
      warnings.push(w('warning.draft-activities-differ', { file, path, value: String(list[0][key]), where }));
  }
  return { partnership: merged as unknown as Partnership, provenance, warnings };
}

/** Points the evidence that came from the draft at the draft: its note and location instead of a line of the file. */
function annotate(items: EvidenceItem[], provenance: Map<string, Provenance>, w: EngineWords): EvidenceItem[] {
  return items.map((e) => {
    const from = provenance.get(e.path);
    if (!from) return e;
    const out: EvidenceItem = { path: e.path, value: e.value, note: e.note ? w.join([e.note, from.note]) : from.note, draft: from.draft };
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
  const { partnership, provenance, warnings } = mergeDraft(file, p, draft, ctx.words);
  const r = assessPartnership(file, partnership, source, ctx);
  return {
    ...r,
    findings: r.findings.map((f) => ({ ...f, evidence: annotate(f.evidence, provenance, ctx.words) })),
    ...(r.foresight
      ? {
          foresight: {
            ...r.foresight,
            steps: r.foresight.steps.map((s) => ({
              ...s,
              answers: s.answers.map((a) => ({ ...a, evidence: annotate(a.evidence, provenance, ctx.words) })),
            })),
          },
        }
      : {}),
    warnings: [...warnings, ...r.warnings],
  };
}

export type { FactPath };
