import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

/** A parsed YAML file that can say where any of its values stands. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** 1-based line and column of the value at a path (or of its key, or the nearest parent). */
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): Position;
}

export interface Position {
  line: number;
  column: number;
}

export interface YamlProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: YamlLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseOutcome = { ok: true; source: YamlSource } | { ok: false; problems: YamlProblem[] };

/** Decodes bytes as UTF-8 text (a BOM is dropped), or says why it cannot. */
export function decodeText(bytes: Uint8Array, limits: YamlLimits = DEFAULT_LIMITS): { text: string } | { problem: YamlProblem } {
  if (bytes.length > limits.maxBytes) {
    return { problem: { message: `file is ${bytes.length} bytes, over the limit of ${limits.maxBytes} (raise it with --max-file-size)` } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { problem: { message: 'file is not UTF-8 text: save it as UTF-8' } };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return { problem: { message: 'file contains NUL bytes: it looks binary, not a YAML text file' } };
  }
  return { text };
}

export function parseYaml(file: string, text: string, limits: YamlLimits = DEFAULT_LIMITS): ParseOutcome {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    keepSourceTokens: false,
  });
  const pos = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (!Array.isArray(docs)) {
    // An empty stream parses to an empty array-like EmptyStream.
    return { ok: false, problems: [{ message: 'file is empty: a partnership file starts with "cdrisk: 1"', line: 1, column: 1 }] };
  }
  if (docs.length === 0) {
    return { ok: false, problems: [{ message: 'file is empty: a partnership file starts with "cdrisk: 1"', line: 1, column: 1 }] };
  }
  if (docs.length > 1) {
    const second = pos(docs[1].range[0]);
    return { ok: false, problems: [{ message: 'file holds several YAML documents: keep one partnership per file', ...second }] };
  }
  const doc = docs[0];
  const problems: YamlProblem[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    problems.push({ message: yamlMessage(err.code, err.message), ...pos(err.pos[0]) });
  }
  if (problems.length) return { ok: false, problems };

  const structural = checkStructure(doc, limits, pos);
  if (structural) return { ok: false, problems: [structural] };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [{ message: /alias/i.test(message) ? `too many aliases: ${message}` : message, line: 1, column: 1 }] };
  }
  if (value === null || value === undefined) {
    return { ok: false, problems: [{ message: 'file is empty: a partnership file starts with "cdrisk: 1"', line: 1, column: 1 }] };
  }
  return {
    ok: true,
    source: {
      file,
      value,
      locate: (path, at = 'value') => locate(doc, path, at, pos),
    },
  };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key: each key may appear once in a mapping';
    case 'TAB_AS_INDENT':
      return 'tab used for indentation: YAML indents with spaces only';
    case 'TAG_RESOLVE_FAILED':
      return `${first}: custom tags are not allowed in partnership files`;
    default:
      return first;
  }
}

/**
 * Rejects what must never reach the engine: keys that could touch an object
 * prototype, unknown tags, nesting deeper than any partnership needs.
 * Aliases are counted by yaml's own maxAliasCount when converting.
 */
function checkStructure(
  doc: Document,
  limits: YamlLimits,
  pos: (offset: number | undefined) => Position | undefined,
): YamlProblem | undefined {
  type Frame = { node: unknown; depth: number };
  const stack: Frame[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > limits.maxDepth) {
      const offset = (node as Node | null)?.range?.[0];
      return { message: `nesting deeper than ${limits.maxDepth} levels: a partnership file is never this deep`, ...pos(offset) };
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
          return { message: `key "${key}" is not allowed`, ...pos((pair.key as Node).range?.[0]) };
        }
        if (!isScalar(pair.key)) {
          return { message: 'complex mapping keys are not allowed: keys are plain words', ...pos((pair.key as Node | null)?.range?.[0]) };
        }
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isScalar(node) && node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
      return { message: `tag ${node.tag} is not allowed in partnership files`, ...pos(node.range?.[0]) };
    }
  }
  return undefined;
}

function locate(
  doc: Document,
  path: readonly (string | number)[],
  at: 'key' | 'value',
  pos: (offset: number | undefined) => Position | undefined,
): Position {
  let node: unknown = doc.contents;
  let best: Position = pos((node as Node | null)?.range?.[0]) ?? { line: 1, column: 1 };
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      const keyPos = pos((pair.key as Node).range?.[0]);
      if (last && at === 'key' && keyPos) return keyPos;
      node = pair.value;
      best = pos((node as Node | null)?.range?.[0]) ?? keyPos ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return best;
      best = pos((node as Node | null)?.range?.[0]) ?? best;
    } else {
      return best;
    }
  }
  return best;
}
