import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { MessageVars } from './messages.js';
import { fastYaml, FORBIDDEN_KEYS } from './fast-yaml.js';

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
  /** In English; `key` and `vars` let a reader in another language say it from its catalogue (labels errors.*). */
  message: string;
  key?: string;
  vars?: MessageVars;
  /** The label of the YAML reader's own words (`vars.detail`), when the catalogue has them. */
  detailKey?: string;
  line?: number;
  column?: number;
}

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: YamlLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };

export type ParseOutcome = { ok: true; source: YamlSource } | { ok: false; problems: YamlProblem[] };

/** Decodes bytes as UTF-8 text (a BOM is dropped), or says why it cannot. */
export function decodeText(bytes: Uint8Array, limits: YamlLimits = DEFAULT_LIMITS): { text: string } | { problem: YamlProblem } {
  if (bytes.length > limits.maxBytes) {
    return {
      problem: {
        message: `file is ${bytes.length} bytes, over the limit of ${limits.maxBytes} (raise it with --max-file-size)`,
        key: 'errors.file.too-large',
        vars: { size: bytes.length, limit: limits.maxBytes },
      },
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { message: 'file is UTF-16 text: save it as UTF-8', key: 'errors.file.utf16', line: 1, column: 1 } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      problem: {
        message: 'file contains NUL bytes: it looks binary, not a YAML text file; give a partnership file written in UTF-8',
        key: 'errors.file.binary',
        ...bytePosition(bytes, nul),
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      problem: {
        message: 'file is not UTF-8 text (an invalid byte sequence here): save it as UTF-8',
        key: 'errors.file.not-utf8',
        ...bytePosition(bytes, bad),
      },
    };
  }
  // A carriage return alone is a line break in YAML (old Mac files): make it a line feed, which the
  // parser and the line counter both read. One character for one, so every offset stays where it was.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return { text };
}

/** Line and column (1-based, in characters of the valid prefix) of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).replace(/^\uFEFF/, '');
  return { line, column: [...prefix].length + 1 };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection (decoding is linear, so this stays cheap).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      // Streaming: a sequence cut at the end is not an error, so validity of prefixes is monotone.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The prefix may end in the first bytes of a cut sequence: point at its lead byte.
  let start = lo;
  while (start > 0 && lo - start < 3 && (bytes[start - 1] & 0xc0) === 0x80) start--;
  if (start > 0 && bytes[start - 1] >= 0xc0) {
    const lead = bytes[start - 1];
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (lo - (start - 1) < need) return start - 1;
  }
  return Math.min(lo, bytes.length - 1);
}

/**
 * Estimates nesting from the text alone, before the YAML parser sees it: the
 * parser recurses once per level and would exhaust the stack on `[[[[...` a
 * hundred thousand deep. Counts flow brackets outside quotes and comments,
 * block indentation levels and compact `- - -` entries. It may undercount
 * (the exact check runs on the parsed document); it never overcounts real
 * nesting by more than a block scalar's stray brackets.
 */
export function scanNesting(text: string, maxDepth: number): Position | undefined {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  const indents: number[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    let blockDepth = indents.length;
    if (flow === 0 && quote === undefined) {
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      const c = text[i + indent];
      if (c !== undefined && c !== '\n' && c !== '\r' && c !== '#') {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        blockDepth = indents.length;
        let j = i + indent;
        if (blockDepth > maxDepth) return { line, column: j - lineStart + 1 };
        while ((text[j] === '-' || text[j] === '?' || text[j] === ':') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
          if (++blockDepth > maxDepth) return { line, column: j - lineStart + 1 };
          j += 2;
          while (text[j] === ' ') j++;
        }
      }
    }
    let prev = '\n';
    for (; i < n && text[i] !== '\n'; i++) {
      const c = text[i];
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = undefined;
      } else if (quote === "'") {
        if (c === "'") quote = undefined;
      } else if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      } else if ((c === '"' || c === "'") && tokenStart(prev, flow)) {
        quote = c;
      } else if ((c === '[' || c === '{') && (flow > 0 || tokenStart(prev, flow))) {
        flow++;
        if (flow + blockDepth > maxDepth) return { line, column: i - lineStart + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
      prev = c;
    }
    i++;
    line++;
  }
  return undefined;
}

export function parseYaml(file: string, text: string, limits: YamlLimits = DEFAULT_LIMITS): ParseOutcome {
  // Most files are plain block YAML, which fastYaml reads with the same values and positions; it declines the rest.
  const fast = fastYaml(text, limits.maxDepth);
  if (fast) return { ok: true, source: { file, value: fast.value, locate: fast.locate } };
  return parseWithYaml(file, text, limits);
}

/** parseYaml with the full reader only (the `yaml` package): every file, every error. Exported for the tests that hold fastYaml to it. */
export function parseWithYaml(file: string, text: string, limits: YamlLimits = DEFAULT_LIMITS): ParseOutcome {
  const deep = scanNesting(text, limits.maxDepth);
  if (deep) return { ok: false, problems: [{ ...deepMessage(limits), ...deep }] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    // yaml compares each key with every earlier one (quadratic: 20,000 keys took minutes); duplicateKeys does it in one pass.
    uniqueKeys: false,
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
    return { ok: false, problems: [{ ...EMPTY, line: 1, column: 1 }] };
  }
  if (docs.length === 0) {
    return { ok: false, problems: [{ ...EMPTY, line: 1, column: 1 }] };
  }
  if (docs.length > 1) {
    const second = pos(docs[1].range[0]);
    return {
      ok: false,
      problems: [
        { message: 'file holds several YAML documents: keep one partnership per file', key: 'errors.yaml.several-documents', ...second },
      ],
    };
  }
  const doc = docs[0];
  const problems: YamlProblem[] = [];
  // One syntax error often sets off a cascade of others on the same line: keep the first per line, five at most.
  const lines = new Set<number | undefined>();
  for (const err of [...doc.errors, ...doc.warnings]) {
    const at = pos(err.pos[0]);
    if (lines.has(at?.line) || problems.length >= 5) continue;
    lines.add(at?.line);
    problems.push({ ...yamlMessage(err.code, err.message, limits), ...at });
  }
  if (problems.length) return { ok: false, problems };
  const duplicates = duplicateKeys(doc, pos);
  if (duplicates.length) return { ok: false, problems: duplicates };

  const structural = checkStructure(doc, limits, pos);
  if (structural) return { ok: false, problems: [structural] };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    let firstAlias: number | undefined;
    visit(doc, {
      Alias(_, node) {
        firstAlias = node.range?.[0];
        return visit.BREAK;
      },
    });
    const at = pos(firstAlias) ?? { line: 1, column: 1 };
    if (/alias/i.test(message)) {
      return {
        ok: false,
        problems: [
          {
            message: `aliases expand to too many values (limit ${limits.maxAliasCount}): a partnership file needs no anchors (&) or aliases (*); write the values out`,
            key: 'errors.yaml.aliases',
            vars: { limit: limits.maxAliasCount },
            ...at,
          },
        ],
      };
    }
    return {
      ok: false,
      problems: [{ message: `cannot read this YAML: ${message}`, key: 'errors.yaml.unreadable', vars: { detail: message }, ...at }],
    };
  }
  if (value === null || value === undefined) {
    return { ok: false, problems: [{ ...EMPTY, line: 1, column: 1 }] };
  }
  const index = new WeakMap<object, Map<string, Pair>>();
  return {
    ok: true,
    source: {
      file,
      value,
      locate: (path, at = 'value') => locate(doc, path, at, pos, index),
    },
  };
}

/**
 * Keys repeated in a mapping, in document order (the first per line, five at
 * most), found with one set per mapping: linear in the size of the file.
 * Two keys are the same when their scalar values are (as yaml's own check).
 */
function duplicateKeys(doc: Document, pos: (offset: number | undefined) => Position | undefined): YamlProblem[] {
  const found: YamlProblem[] = [];
  // An explicit stack, as in checkStructure: the nesting limit is checked after this.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        stack.push(pair.value);
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) found.push({ ...yamlMessage('DUPLICATE_KEY', '', DEFAULT_LIMITS), ...pos(pair.key.range?.[0]) });
        else seen.add(key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const lines = new Set<number | undefined>();
  return found.filter((p) => !lines.has(p.line) && lines.add(p.line)).slice(0, 5);
}

/** Whether a character after `prev` starts a token: after white space, or after flow punctuation inside brackets. */
function tokenStart(prev: string, flow: number): boolean {
  return prev === ' ' || prev === '\t' || prev === '\n' || (flow > 0 && (prev === '[' || prev === '{' || prev === ',' || prev === ':'));
}

type Message = Pick<YamlProblem, 'message' | 'key' | 'vars' | 'detailKey'>;

/** The YAML reader's descriptions met most often, with their labels (errors.yaml.detail.*, the same English words). */
const YAML_DETAILS: Record<string, string> = {
  'Missing closing "quote': 'errors.yaml.detail.missing-double-quote',
  "Missing closing 'quote": 'errors.yaml.detail.missing-single-quote',
  'Nested mappings are not allowed in compact mappings': 'errors.yaml.detail.nested-compact',
  'All mapping items must start at the same column': 'errors.yaml.detail.mapping-column',
  'All sequence items must start at the same column': 'errors.yaml.detail.sequence-column',
  'Implicit map keys need to be followed by map values': 'errors.yaml.detail.key-without-value',
  'Implicit keys need to be on a single line': 'errors.yaml.detail.key-one-line',
  'Sequence item without - indicator': 'errors.yaml.detail.item-without-dash',
  'A block sequence may not be used as an implicit map key': 'errors.yaml.detail.sequence-as-key',
  'Comments must be separated from other tokens by white space characters': 'errors.yaml.detail.comment-space',
  'Missing , or : between flow map items': 'errors.yaml.detail.flow-map-comma',
  'Missing , between flow sequence items': 'errors.yaml.detail.flow-sequence-comma',
};

const EMPTY: Message = { message: 'file is empty: a partnership file starts with "cdrisk: 1"', key: 'errors.yaml.empty' };

function deepMessage(limits: YamlLimits): Message {
  return {
    message: `nesting deeper than ${limits.maxDepth} levels: a partnership file is never this deep; check the brackets and indentation here`,
    key: 'errors.yaml.too-deep',
    vars: { depth: limits.maxDepth },
  };
}

function tagMessage(tag: string): Message {
  return {
    message: `tag ${tag} is not allowed: partnership files hold plain values; remove the tag`,
    key: 'errors.yaml.tag',
    vars: { tag },
  };
}

function yamlMessage(code: string, message: string, limits: YamlLimits): Message {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'RESOURCE_EXHAUSTION':
      return deepMessage(limits);
    case 'DUPLICATE_KEY':
      return {
        message: 'duplicate key: each key may appear once in a mapping; remove or merge the repeated one',
        key: 'errors.yaml.duplicate-key',
      };
    case 'TAB_AS_INDENT':
      return { message: 'tab used for indentation: YAML indents with spaces only', key: 'errors.yaml.tab-indent' };
    case 'TAG_RESOLVE_FAILED':
      if (first.startsWith('Unresolved tag: '))
        return tagMessage(first.slice('Unresolved tag: '.length).replace('tag:yaml.org,2002:', '!!'));
      return {
        message: `${first.replace('tag:yaml.org,2002:', '!!')} is not allowed: partnership files hold plain values; remove the tag`,
      };
    default:
      return {
        message: `YAML syntax error: ${first}; check the quotes, brackets, colons and indentation here`,
        key: 'errors.yaml.syntax',
        vars: { detail: first },
        detailKey: Object.prototype.hasOwnProperty.call(YAML_DETAILS, first) ? YAML_DETAILS[first] : undefined,
      };
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
      return { ...deepMessage(limits), ...pos(offset) };
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
          return {
            message: `key "${key}" is not allowed: it is a reserved name of the JavaScript object model (no field of any cdrisk file has it) and could tamper with the program; remove it`,
            key: 'errors.yaml.reserved-key',
            vars: { key },
            ...pos((pair.key as Node).range?.[0]),
          };
        }
        if (!isScalar(pair.key)) {
          return {
            message: 'complex mapping keys are not allowed: keys are plain words',
            key: 'errors.yaml.complex-key',
            ...pos((pair.key as Node | null)?.range?.[0]),
          };
        }
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isScalar(node) && node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
      return { ...tagMessage(node.tag), ...pos(node.range?.[0]) };
    }
  }
  return undefined;
}

function locate(
  doc: Document,
  path: readonly (string | number)[],
  at: 'key' | 'value',
  pos: (offset: number | undefined) => Position | undefined,
  index: WeakMap<object, Map<string, Pair>>,
): Position {
  let node: unknown = doc.contents;
  let best: Position = pos((node as Node | null)?.range?.[0]) ?? { line: 1, column: 1 };
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(node, index).get(String(seg));
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

/** A mapping's pairs by key (the first of each), built on the first look-up: locating every error of a file stays linear. */
function pairsOf(map: YAMLMap, index: WeakMap<object, Map<string, Pair>>): Map<string, Pair> {
  let pairs = index.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const k = String(p.key.value);
      if (!pairs.has(k)) pairs.set(k, p as Pair);
    }
    index.set(map, pairs);
  }
  return pairs;
}
