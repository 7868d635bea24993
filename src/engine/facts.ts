/** Reading a partnership by rule path ("activities[].sectors"), with concrete paths for evidence. */
export interface Fact {
  /** Concrete path segments, e.g. ["activities", 0, "sectors"]. */
  path: (string | number)[];
  value: unknown;
}

export interface Resolved {
  present: Fact[];
  /** Concrete paths whose value is missing or `unknown`. */
  missing: (string | number)[][];
  /** Whether any of the missing values was written `unknown` rather than left out. */
  declaredUnknown: boolean;
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === 'unknown';
}

/** A rule path's segment: a key, and whether it names a list whose items are each followed. */
interface Segment {
  key: string;
  list: boolean;
}

/** Rule paths split once: a run resolves the same few hundred paths for every file. */
const segmentsOf = new Map<string, Segment[]>();

function segments(pattern: string): Segment[] {
  let out = segmentsOf.get(pattern);
  if (!out) {
    out = pattern.split('.').map((seg) => (seg.endsWith('[]') ? { key: seg.slice(0, -2), list: true } : { key: seg, list: false }));
    segmentsOf.set(pattern, out);
  }
  return out;
}

export function resolvePath(root: unknown, pattern: string): Resolved {
  const out: Resolved = { present: [], missing: [], declaredUnknown: false };
  walk(root, segments(pattern), 0, [], out);
  return out;
}

function walk(node: unknown, segs: Segment[], i: number, at: (string | number)[], out: Resolved): void {
  if (node === 'unknown') out.declaredUnknown = true;
  if (i === segs.length) {
    if (isMissing(node)) out.missing.push(at);
    else out.present.push({ path: at, value: node });
    return;
  }
  if (isMissing(node) || typeof node !== 'object') {
    // Reported where the file stops saying anything: the first missing section.
    out.missing.push(at);
    return;
  }
  const { key, list } = segs[i];
  const child = Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  if (!list) return walk(child, segs, i + 1, [...at, key], out);
  if (!Array.isArray(child) || child.length === 0) {
    out.missing.push([...at, key]);
    return;
  }
  for (let index = 0; index < child.length; index++) walk(child[index], segs, i + 1, [...at, key, index], out);
}

export function showPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** Concrete path back to its rule pattern: activities[0].sectors -> activities[].sectors */
export function patternOf(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? '[]' : out ? `.${seg}` : seg;
  return out;
}
