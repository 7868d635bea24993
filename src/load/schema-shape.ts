import type * as z from 'zod';

/**
 * What the partnership schema allows at each path, read once from the zod
 * schema: the keys of each mapping and the values of each enumeration. Paths
 * are dotted, with "[]" after an array ("activities[].sectors").
 */
export interface FieldShape {
  kind: 'object' | 'array' | 'enum' | 'boolean' | 'number' | 'string' | 'other';
  keys?: string[];
  values?: string[];
  /** For arrays: the shape of the items. */
  itemKind?: FieldShape['kind'];
  itemValues?: string[];
  /** Old spellings still accepted here: old value -> the value it is read as, and what to write. */
  renamed?: Record<string, Renamed>;
}

export interface Renamed {
  use: string;
  note: string;
}

const RENAMED = new WeakMap<object, Record<string, Renamed>>();
/** Marks the schema of a field's old spellings (see rules/renamed.yaml), so that the loader can warn about them. */
export function markRenamed<T extends object>(schema: T, renamed: Record<string, Renamed>): T {
  RENAMED.set(schema, renamed);
  return schema;
}

/** The old spellings a field's schema accepts, found in its unions. */
function renamedIn(schema: unknown): Record<string, Renamed> | undefined {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') s = def.innerType;
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'union') {
      for (const option of def.options as object[]) {
        const found = RENAMED.get(option) ?? renamedIn(option);
        if (found) return found;
      }
      return undefined;
    } else return undefined;
  }
}

type AnyDef = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): AnyDef => (schema as { _zod: { def: AnyDef } })._zod.def;

export function describeSchema(schema: z.ZodType): Map<string, FieldShape> {
  const out = new Map<string, FieldShape>();
  walk(schema, '', out);
  return out;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'union') {
      // fact(): `unknown` | T. The informative branch is the last one.
      const options = def.options as unknown[];
      s = options[options.length - 1];
    } else return s;
  }
}

function shapeOf(schema: unknown): FieldShape {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'object':
      return { kind: 'object', keys: Object.keys(def.shape as object) };
    case 'array': {
      const item = shapeOf(def.element);
      return { kind: 'array', itemKind: item.kind, itemValues: item.values };
    }
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries as Record<string, string>) };
    case 'boolean':
    case 'number':
    case 'string':
      return { kind: def.type };
    default:
      return { kind: 'other' };
  }
}

function walk(schema: unknown, path: string, out: Map<string, FieldShape>): void {
  const shape = shapeOf(schema);
  const renamed = renamedIn(schema);
  if (renamed) shape.renamed = renamed;
  out.set(path, shape);
  const def = defOf(unwrap(schema));
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
      walk(child, path ? `${path}.${key}` : key, out);
    }
  } else if (def.type === 'array') {
    const itemDef = defOf(unwrap(def.element));
    if (itemDef.type === 'object') {
      for (const [key, child] of Object.entries(itemDef.shape as Record<string, unknown>)) {
        walk(child, `${path}[].${key}`, out);
      }
    }
  }
}

/** "activities.0.sectors" style zod path to the pattern "activities[].sectors". */
export function pathPattern(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += '[]';
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** Zod path to the dotted form users read: partner.type, activities[0].sectors[1]. */
export function displayPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
