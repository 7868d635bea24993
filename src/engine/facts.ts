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

export function resolvePath(root: unknown, pattern: string): Resolved {
  const out: Resolved = { present: [], missing: [], declaredUnknown: false };
  const segments = pattern.split('.');
  const walk = (node: unknown, i: number, at: (string | number)[]): void => {
    if (node === 'unknown') out.declaredUnknown = true;
    if (i === segments.length) {
      if (isMissing(node)) out.missing.push(at);
      else out.present.push({ path: at, value: node });
      return;
    }
    if (isMissing(node) || typeof node !== 'object') {
      // Reported where the file stops saying anything: the first missing section.
      out.missing.push(at);
      return;
    }
    const seg = segments[i];
    const isArray = seg.endsWith('[]');
    const key = isArray ? seg.slice(0, -2) : seg;
    const child = Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (!isArray) return walk(child, i + 1, [...at, key]);
    if (!Array.isArray(child) || child.length === 0) {
      out.missing.push([...at, key]);
      return;
    }
    child.forEach((item, index) => walk(item, i + 1, [...at, key, index]));
  };
  walk(root, 0, []);
  return out;
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
