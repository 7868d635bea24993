// Issue 10 section 7: a field reference people can write files from. Every
// field has a description in the JSON Schema; docs/format.md is generated
// from it; `cdrisk init` writes a template with every field that is itself a
// valid partnership file; `cdrisk rules show vocabulary` lists the values.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';
import { engine, ROOT } from './helpers/engine.js';
import { partnershipJsonSchema } from '../src/cli/commands/schema.js';
import { allFields, formatFields, formatReference } from '../src/cli/commands/fields.js';
import { partnershipTemplate } from '../src/cli/commands/init.js';
import { assessBytes } from '../src/engine/run.js';

const ctx = engine();

type Node = { description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };
/** Every property of the schema, nested mappings, list items and unions included. */
function properties(node: Node, path = ''): { path: string; node: Node }[] {
  const out: { path: string; node: Node }[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const p = path ? `${path}.${key}` : key;
    out.push({ path: p, node: child }, ...properties(child, p));
  }
  if (node.items) out.push(...properties(node.items, `${path}[]`));
  for (const option of node.anyOf ?? []) out.push(...properties(option, path));
  return out;
}

describe('descriptions', () => {
  const schema = partnershipJsonSchema(ctx) as Node;
  const props = properties(schema);
  it('the schema has the fields of the format (sanity of the walk)', () => {
    expect(props.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'cdrisk',
        'partner.type',
        'activities[].sectors',
        'investment.stake_percent',
        'agreement.value.currency',
        'cost_and_impact.travel.long_haul',
        'accepted_risks[].expires',
      ]),
    );
  });
  it('every property of the generated JSON Schema has a description', () => {
    expect(props.filter((p) => !p.node.description?.trim()).map((p) => p.path)).toEqual([]);
  });
  it('descriptions are sentences: a capital first, a full stop last', () => {
    expect(props.filter((p) => !/^[A-Z"].*[.)]$/s.test(p.node.description ?? '')).map((p) => `${p.path}: ${p.node.description}`)).toEqual(
      [],
    );
  });
});

describe('docs/format.md', () => {
  it('is the reference generated from the schema (regenerate: node bin/cdrisk.js schema --markdown > docs/format.md)', () => {
    expect(readFileSync(`${ROOT}docs/format.md`, 'utf8')).toBe(formatReference(ctx));
  });
  it('has a row for every field, with its description', () => {
    const text = formatReference(ctx);
    for (const f of allFields(formatFields(ctx))) {
      if (f.fields && !f.path.includes('.')) expect(text).toContain(`## ${f.key}\n`);
      else expect(text, f.path).toContain(`| \`${f.path}\` |`);
    }
    expect(text).toContain('| `agreement.duration_years` | number, or `open-ended`, or `unknown` |');
    expect(text).toContain('Old spellings still read, with a warning: `academia`, `civil-society`, `media`.');
  });
  it('is printed by cdrisk schema --markdown', async () => {
    const r = await cli(['schema', '--markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(formatReference(ctx));
  });
});

describe('cdrisk init', () => {
  const template = partnershipTemplate(ctx);
  it('the template is a valid partnership file that assesses', () => {
    const r = assessBytes('partnership.yaml', Buffer.from(template), ctx);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.gaps.length).toBeGreaterThan(10);
  });
  it('names every field of the format, live or in a commented block', () => {
    const keysAt = new Set(
      template
        .split('\n')
        .map((l) => /^[\s#-]*([a-z_0-9]+):/.exec(l)?.[1])
        .filter(Boolean),
    );
    for (const f of allFields(formatFields(ctx))) expect(keysAt, f.path).toContain(f.key);
  });
  it('uncommenting every block still gives a valid file (the blocks are valid YAML at the right depth)', () => {
    // Remove "# " from the commented key lines (not from description lines) and drop the `unknown` they replace.
    const lines = template.split('\n');
    const replaced = new Set<string>();
    const out = lines.map((l) => {
      const m = /^(\s*)# (\s*(?:- )?[a-z_]+:.*)$/.exec(l);
      if (!m) return l;
      const text = m[1] + m[2];
      const key = /^\s*([a-z_]+):\s*$/.exec(text)?.[1];
      if (key) replaced.add(`${m[1]}${key}: unknown`);
      return text;
    });
    const uncommented = out.filter((l) => !replaced.has(l)).join('\n');
    const doc = parse(uncommented) as Record<string, unknown>;
    expect(doc.investment).toMatchObject({ direction: 'unknown' });
    expect(doc.activities).toHaveLength(1);
    const r = assessBytes('full.yaml', Buffer.from(uncommented), ctx);
    expect(r.errors).toEqual([]);
  });
  it('has the description of every field as a comment', () => {
    for (const f of allFields(formatFields(ctx)))
      expect(template.replace(/\n\s*#\s*/g, ' '), f.path).toContain(f.description.split(' ').slice(0, 6).join(' '));
  });

  it('writes the file, never replaces one without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-init-'));
    const file = join(dir, 'new.yaml');
    const first = await cli(['init', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(template);
    writeFileSync(file, 'mine');
    const again = await cli(['init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: give another name, or --force to replace it/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const forced = await cli(['init', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(template);
    const noDir = await cli(['init', join(dir, 'missing', 'x.yaml')]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/its folder does not exist/);
  });
});

describe('cdrisk rules show vocabulary and currencies', () => {
  it('lists every enumeration with its labels and the old spellings', async () => {
    const r = await cli(['rules', 'show', 'vocabulary']);
    expect(r.code).toBe(0);
    for (const [name, entries] of Object.entries(ctx.rules.vocabulary)) {
      expect(r.stdout).toContain(`\n${name}:\n`);
      for (const [value, label] of Object.entries(entries))
        expect(r.stdout).toMatch(new RegExp(`\\n  ${value} +${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    }
    expect(r.stdout).toMatch(/\n  academia +old spelling, read as university/);
  });
  it('lists the currency codes with the dated rates', async () => {
    const r = await cli(['rules', 'show', 'currencies']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rates of ${ctx.rules.currencies.rates.date}`);
    expect(r.stdout).toMatch(/\n {2}KRW Won +1310\.56\n/);
    expect(r.stdout).toMatch(/\n {2}EUR Euro +1\n/);
  });
});
