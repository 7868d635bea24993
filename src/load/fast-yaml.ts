// A reader for the plain block YAML that partnership files are written in:
// mappings and sequences by indentation, one-line scalars (plain, single- or
// double-quoted without escapes), one-line flow sequences of plain scalars,
// and comments. It gives the same values and the same positions as the full
// reader (the `yaml` package, YAML 1.2 core schema) for every text it
// accepts, in a fraction of the time: the full reader builds a token stream,
// a concrete syntax tree and a document of nodes before the values, which
// was over a third of `cdrisk check`. Anything outside that subset (anchors,
// tags, block scalars, multi-line scalars, flow mappings, escapes, tabs,
// control characters, numbers in other notations, duplicate or reserved
// keys, an empty value) makes it give up, and the full reader, which also
// words every error, reads the file instead. test/fast-yaml.test.ts holds it
// to the full reader on every shipped file and on generated ones.
import type { Position } from './yaml-source.js';

interface MapNode {
  kind: 'map';
  start: number;
  pairs: Map<string, { keyAt: number; value: Node }>;
}
interface SeqNode {
  kind: 'seq';
  start: number;
  items: Node[];
}
interface ScalarNode {
  kind: 'scalar';
  start: number;
}
type Node = MapNode | SeqNode | ScalarNode;

export interface FastDocument {
  value: Record<string, unknown>;
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): Position;
}

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
const GIVE_UP = Symbol('give up');

/** Characters the subset leaves to the full reader wherever they stand: tabs, controls, BOM, line and paragraph separators. */
const OUTSIDE = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
/** A mapping key of the subset: a word (a reserved word of the core schema is not one). */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
const RESERVED_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Keys that could touch an object prototype: refused by both readers (yaml-source.ts checks the full reader's documents). */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** First characters of a plain scalar that mean something else in YAML (or may). */
const INDICATOR = /^(?:[&*!|>%@`'"#,[\]{}]|[-?:](?: |$))/;
/** What the core schema reads as a number (int, float, exponent, hex, octal, inf, nan). */
const NUMBERISH =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** The numbers the subset reads itself: decimal, at most 15 digits each side, so Number() is exact as the full reader's parseInt/parseFloat. */
const SIMPLE_NUMBER = /^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$/;

interface Line {
  /** Offset of the line's first character in the text. */
  offset: number;
  indent: number;
  /** The line after its indentation, without a final carriage return. */
  content: string;
}

/** The document, or undefined when the text is not in the subset (read it with the full reader). */
export function fastYaml(text: string, maxDepth: number): FastDocument | undefined {
  if (OUTSIDE.test(text)) return undefined;
  const lines: Line[] = [];
  const lineStarts: number[] = [0];
  for (let at = 0; at <= text.length;) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    else lineStarts.push(end + 1);
    let stop = end;
    if (text.charCodeAt(stop - 1) === 13) stop--;
    let indent = 0;
    while (text.charCodeAt(at + indent) === 32) indent++;
    const content = text.slice(at + indent, stop);
    if (content.includes('\r')) return undefined;
    if (content !== '' && content[0] !== '#') lines.push({ offset: at, indent, content });
    at = end + 1;
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined;
  try {
    const reader = new Reader(lines, maxDepth);
    const [value, node] = reader.block(0, 1);
    if (reader.at !== lines.length || node.kind !== 'map') return undefined;
    const pos = (offset: number): Position => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
    };
    return { value: value as Record<string, unknown>, locate: (path, at = 'value') => locate(node, path, at, pos) };
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

class Reader {
  /** Index of the next line to read. */
  at = 0;

  constructor(
    private readonly lines: Line[],
    private readonly maxDepth: number,
  ) {}

  /** The block node (mapping or sequence) that starts at the next line, whose indentation is `indent`. */
  block(indent: number, depth: number): [unknown, Node] {
    if (depth > this.maxDepth) throw GIVE_UP;
    const line = this.lines[this.at];
    return isItem(line.content) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  private mapping(indent: number, depth: number): [unknown, MapNode] {
    const value: Record<string, unknown> = {};
    const node: MapNode = { kind: 'map', start: this.lines[this.at].offset + indent, pairs: new Map() };
    while (this.at < this.lines.length) {
      const line = this.lines[this.at];
      if (line.indent < indent) break;
      if (line.indent > indent || isItem(line.content)) throw GIVE_UP;
      const m = KEY.exec(line.content);
      if (!m) throw GIVE_UP;
      const key = m[1];
      if (!usableKey(key, node)) throw GIVE_UP;
      const keyAt = line.offset + line.indent;
      const rest = line.content.slice(m[0].length);
      let child: [unknown, Node];
      if (rest === '' || rest[0] === '#') {
        // The value is the block on the next lines: deeper, or a sequence at the key's own indentation.
        this.at++;
        const next = this.lines[this.at];
        if (next !== undefined && (next.indent > indent || (next.indent === indent && isItem(next.content))))
          child = this.block(next.indent, depth + 1);
        else throw GIVE_UP; // an empty value
      } else {
        child = this.inline(rest, keyAt + m[0].length, depth + 1);
        this.endOfEntry(indent);
      }
      value[key] = child[0];
      node.pairs.set(key, { keyAt, value: child[1] });
    }
    return [value, node];
  }

  private sequence(indent: number, depth: number): [unknown, SeqNode] {
    const value: unknown[] = [];
    const node: SeqNode = { kind: 'seq', start: this.lines[this.at].offset + indent, items: [] };
    while (this.at < this.lines.length) {
      const line = this.lines[this.at];
      if (line.indent < indent) break;
      if (line.indent > indent) throw GIVE_UP;
      if (!isItem(line.content)) break;
      let spaces = 1;
      while (line.content[spaces] === ' ') spaces++;
      const rest = line.content.slice(spaces);
      let item: [unknown, Node];
      if (rest === '' || rest[0] === '#') {
        this.at++;
        const next = this.lines[this.at];
        if (next !== undefined && next.indent > indent) item = this.block(next.indent, depth + 1);
        else throw GIVE_UP; // an empty item
      } else if (isItem(rest)) {
        throw GIVE_UP; // `- - x`
      } else if (KEY.test(rest)) {
        // `- key: value`: a mapping whose indentation is the column of its first key.
        const column = line.indent + spaces;
        this.lines[this.at] = { offset: line.offset, indent: column, content: rest };
        item = this.block(column, depth + 1);
      } else {
        item = this.inline(rest, line.offset + line.indent + spaces, depth + 1);
        this.endOfEntry(indent);
      }
      value.push(item[0]);
      node.items.push(item[1]);
    }
    return [value, node];
  }

  /** After a value on its key's (or dash's) line: a deeper line would continue it, which the subset leaves alone. */
  private endOfEntry(indent: number): void {
    this.at++;
    const next = this.lines[this.at];
    if (next !== undefined && next.indent > indent) throw GIVE_UP;
  }

  /** A value written on the line itself, starting at `offset`: a scalar, `[...]`, `[]` or `{}`. */
  private inline(text: string, offset: number, depth: number): [unknown, Node] {
    if (depth > this.maxDepth) throw GIVE_UP;
    const c = text[0];
    if (c === '"' || c === "'") {
      const close = c === '"' ? doubleQuoted(text) : singleQuoted(text);
      afterValue(text, close.end);
      return [close.value, { kind: 'scalar', start: offset }];
    }
    if (c === '[') return this.flowSequence(text, offset, depth);
    if (c === '{') return this.flowMapping(text, offset, depth);
    const plain = plainScalar(text);
    return [plain, { kind: 'scalar', start: offset }];
  }

  private flowSequence(text: string, offset: number, depth: number): [unknown, SeqNode] {
    if (depth + 1 > this.maxDepth) throw GIVE_UP;
    const value: unknown[] = [];
    const node: SeqNode = { kind: 'seq', start: offset, items: [] };
    for (const item of flowItems(text, ']').items) {
      value.push(flowScalar(item.text));
      node.items.push({ kind: 'scalar', start: offset + item.at });
    }
    return [value, node];
  }

  /** `{ key: value, ... }` of plain words on one line. */
  private flowMapping(text: string, offset: number, depth: number): [unknown, MapNode] {
    if (depth + 1 > this.maxDepth) throw GIVE_UP;
    const value: Record<string, unknown> = {};
    const node: MapNode = { kind: 'map', start: offset, pairs: new Map() };
    for (const item of flowItems(text, '}').items) {
      const m = /^([A-Za-z_][A-Za-z0-9_-]*): +/.exec(item.text);
      if (!m) throw GIVE_UP;
      const key = m[1];
      if (!usableKey(key, node)) throw GIVE_UP;
      value[key] = flowScalar(item.text.slice(m[0].length));
      node.pairs.set(key, { keyAt: offset + item.at, value: { kind: 'scalar', start: offset + item.at + m[0].length } });
    }
    return [value, node];
  }
}

/** An item of a flow collection: a plain word or phrase, nothing the full reader could read otherwise. */
function flowScalar(item: string): unknown {
  if (item === '' || /[[\]{}#:"']/.test(item) || INDICATOR.test(item)) throw GIVE_UP;
  return resolvePlain(item);
}

function flowItems(text: string, close: string): { items: { text: string; at: number }[]; end: number } {
  const end = text.indexOf(close);
  if (end === -1) throw GIVE_UP;
  afterValue(text, end + 1);
  const inner = text.slice(1, end);
  const items: { text: string; at: number }[] = [];
  if (inner.trim() === '') return { items, end };
  let from = 1;
  for (const part of inner.split(',')) {
    let lead = 0;
    while (part[lead] === ' ') lead++;
    items.push({ text: part.trim(), at: from + lead });
    from += part.length + 1;
  }
  return { items, end };
}

/** A key the subset reads itself in this mapping: not too long, not a reserved word or name, not a repeat. */
function usableKey(key: string, map: MapNode): boolean {
  return key.length <= 128 && !RESERVED_KEY.test(key) && !FORBIDDEN_KEYS.has(key) && !map.pairs.has(key);
}

function isItem(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/** After a quoted scalar or a flow collection, only spaces and a comment may follow. */
function afterValue(text: string, end: number): void {
  let i = end;
  while (text[i] === ' ') i++;
  if (i < text.length && !(text[i] === '#' && i > end)) throw GIVE_UP;
}

function doubleQuoted(text: string): { value: string; end: number } {
  const close = text.indexOf('"', 1);
  if (close === -1) throw GIVE_UP;
  const value = text.slice(1, close);
  if (value.includes('\\')) throw GIVE_UP;
  return { value, end: close + 1 };
}

/** A single-quoted scalar on one line, where '' stands for one quote. */
function singleQuoted(text: string): { value: string; end: number } {
  let value = '';
  let from = 1;
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") continue;
    value += text.slice(from, i);
    if (text[i + 1] !== "'") return { value, end: i + 1 };
    value += "'";
    from = ++i + 1;
  }
  throw GIVE_UP;
}

/** A plain scalar to the end of the line or a comment, resolved by the core schema. */
function plainScalar(text: string): unknown {
  if (INDICATOR.test(text)) throw GIVE_UP;
  let end = text.length;
  const comment = text.indexOf(' #');
  if (comment !== -1) end = comment;
  const raw = text.slice(0, end).trimEnd();
  // `a: b` inside a value is a nested mapping (an error); a final colon, a key.
  if (raw.includes(': ') || raw.endsWith(':')) throw GIVE_UP;
  return resolvePlain(raw);
}

function resolvePlain(raw: string): unknown {
  switch (raw) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (NUMBERISH.test(raw)) {
    if (!SIMPLE_NUMBER.test(raw)) throw GIVE_UP;
    return Number(raw);
  }
  return raw;
}

/** As the full reader's locate (yaml-source.ts): the value at a path, its key, or the nearest parent found. */
function locate(root: Node, path: readonly (string | number)[], at: 'key' | 'value', pos: (offset: number) => Position): Position {
  let node: Node = root;
  let best = pos(root.start);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (node.kind === 'map') {
      const pair = node.pairs.get(String(seg));
      if (!pair) return best;
      if (i === path.length - 1 && at === 'key') return pos(pair.keyAt);
      node = pair.value;
      best = pos(node.start);
    } else if (node.kind === 'seq' && typeof seg === 'number') {
      const item: Node | undefined = node.items[seg];
      if (item === undefined) return best;
      node = item;
      best = pos(node.start);
    } else {
      return best;
    }
  }
  return best;
}
