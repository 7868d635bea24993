import type { YamlSource } from '../load/yaml-source.js';
import type { EvidenceItem } from '../report/types.js';
import { showPath } from './facts.js';
import type { Evidence } from './tri.js';

/** Evidence as the report shows it: dotted path, value, line in the file, once each. */
export function dedupeEvidence(evidence: Evidence[], source: YamlSource | undefined): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const e of evidence) {
    const path = showPath(e.path);
    const key = `${path}\u0000${e.note ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item: EvidenceItem = { path, value: e.value ?? null };
    if (source && e.value !== null && e.value !== undefined) item.line = source.locate(e.path).line;
    if (e.note) item.note = e.note;
    out.push(item);
  }
  return out;
}
