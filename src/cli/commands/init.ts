import { writeFileSync } from 'node:fs';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { enumerationName, formatFields, type Field } from './fields.js';

/** Placeholders for the required text fields: valid values that say what to write. */
const PLACEHOLDERS: Record<string, string> = {
  id: 'our-city-partner-city-topic',
  title: 'What the partnership is, in a few words',
  'city.name': 'Our City',
  'partner.name': 'Name of the partner as it signs',
  'local_actors[].name': 'Name of the local organisation',
  'accepted_risks[].reason': 'Council decision 2026/14',
  'accepted_risks[].approved_by': 'City Council',
  'city.region': 'DE-HH',
  'partner.region': 'US-CA',
};

const WIDTH = 100;

/**
 * A commented template with every field of the format, built from the schema
 * so that it never lags behind. Every fact is `unknown`: the file is valid as
 * written and assesses, listing each unknown as a question. Sections that are
 * lists or that replace `unknown` with a mapping are written commented out.
 */
export function partnershipTemplate(ctx: EngineContext): string {
  const out: string[] = [
    '# A partnership file for cdrisk, format 1 (written by `cdrisk init`).',
    '#',
    '# Replace the placeholders and each `unknown` with what the city knows; leave `unknown` (or',
    '# delete the line) where it does not know yet: the report lists it as a question to answer.',
    '# Blocks written "# key:" are optional lists or details: remove the "# " of their lines to use them.',
    '# Every field: docs/format.md (cdrisk schema --markdown). Check the file: cdrisk assess FILE.',
    '',
  ];
  for (const f of formatFields(ctx)) render(ctx, f, 0, out);
  return `${out.join('\n')}\n`;
}

/**
 * The lines of a field. Inside a commented block (`inBlock`) every field is
 * written with a value, so that removing the "# " of the block gives valid YAML.
 */
function render(ctx: EngineContext, f: Field, depth: number, out: string[], listItem = false, inBlock = false): void {
  const indent = '  '.repeat(depth);
  const lead = listItem ? `${'  '.repeat(depth - 1)}- ` : indent;
  for (const c of comment(ctx, f, WIDTH - indent.length)) out.push(`${indent}# ${c}`);
  const key = (value?: string) => `${lead}${f.key}:${value === undefined ? '' : ` ${value}`}`;
  // "# " goes at the block's own indentation: deleting it restores the line.
  const commented = (lines: string[]) => lines.map((l) => (l.startsWith(indent) ? `${indent}# ${l.slice(indent.length)}` : `# ${l}`));
  const block = (fields: Field[], d: number, asList: boolean, commentedOut = true) => {
    const lines: string[] = [];
    fields.forEach((child, i) => render(ctx, child, d, lines, asList && i === 0, commentedOut));
    return lines;
  };
  const maybe = (lines: string[]) => (inBlock ? lines : commented(lines));
  if (f.kind === 'object' && !f.unknown) {
    out.push(key(), ...block(f.fields!, depth + 1, false, inBlock));
  } else if (f.kind === 'object') {
    // `unknown` until the city knows; the mapping that replaces it is shown commented out.
    out.push(key('unknown'), ...commented([`${indent}${f.key}:`, ...block(f.fields!, depth + 1, false)]));
  } else if (f.kind === 'list' && f.fields) {
    out.push(...maybe([key(), ...block(f.fields, depth + 2, true)]));
  } else if (f.kind === 'list') {
    out.push(...maybe([key('[]')]));
  } else {
    const value = scalar(f);
    if (value !== undefined) out.push(key(value));
    else out.push(...maybe([key(exampleScalar(f))]));
  }
}

/** The value a live line gets: `unknown` where the field takes it, a placeholder where it is required. */
function scalar(f: Field): string | undefined {
  if (f.kind === 'constant') return String(f.constant);
  if (f.path === 'status') return f.values?.[0];
  if (f.unknown || (f.kind === 'enum' && f.values?.includes('unknown'))) return 'unknown';
  if (f.path.endsWith('country') && f.required) return 'unknown';
  if (PLACEHOLDERS[f.path] && f.required) return quote(PLACEHOLDERS[f.path]);
  return f.required ? exampleScalar(f) : undefined;
}

function exampleScalar(f: Field): string {
  if (PLACEHOLDERS[f.path]) return quote(PLACEHOLDERS[f.path]);
  if (f.path.endsWith('country')) return 'unknown';
  switch (f.kind) {
    case 'enum':
      return f.values!.includes('EUR') ? 'EUR' : f.values![0];
    case 'boolean':
      return 'false';
    case 'date':
      return '2026-12-31';
    case 'number':
    case 'integer':
      return '0';
    default:
      return quote(f.description.split(/[.:(]/)[0].trim() || f.key);
  }
}

function quote(text: string): string {
  return /^[\w .,'-]+$/.test(text) && !/^(true|false|yes|no|null|unknown|~)$/i.test(text) && !/^\d/.test(text)
    ? text
    : JSON.stringify(text);
}

/** The description, what the field takes, wrapped. */
function comment(ctx: EngineContext, f: Field, width: number): string[] {
  const parts = [f.description];
  if (f.required) parts.push('Required.');
  const values = f.values;
  if (values && f.kind !== 'constant') {
    const name = enumerationName(ctx, values);
    if (values.length <= 8) parts.push(`${f.kind === 'list' ? 'Values' : 'One of'}: ${values.join(', ')}${f.unknown ? ', unknown' : ''}.`);
    else if (name === 'sector') parts.push('Values: cdrisk rules show sectors.');
    else if (name === 'currency') parts.push('Codes: cdrisk rules show currencies.');
    else if (name === 'mitigation') parts.push('Values: cdrisk rules show mitigations.');
    else if (name === 'rule') parts.push('Values: cdrisk rules list.');
    else parts.push(`Values: cdrisk rules show vocabulary (${name ?? f.key}).`);
  }
  if (f.words) parts.push(`Or: ${f.words.join(', ')}.`);
  return wrap(parts.join(' '), Math.max(40, width - 2));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

/** `cdrisk init [FILE]`: writes the template, never over an existing file unless forced. */
export function initCommand(ctx: EngineContext, file: string, force: boolean): string {
  try {
    writeFileSync(file, partnershipTemplate(ctx), { flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`${file} already exists: give another name, or --force to replace it`);
    const why =
      code === 'EISDIR'
        ? 'it is a directory; give a file name'
        : code === 'ENOENT'
          ? 'its folder does not exist'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? err);
    throw new UserError(`cannot write ${file}: ${why}`);
  }
  return `cdrisk: wrote ${file}, a template with every field. Fill in what you know, then run: cdrisk assess ${file}\n`;
}
