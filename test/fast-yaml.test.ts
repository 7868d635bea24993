// fastYaml must give what the full reader gives, value for value and position
// for position, on every text it accepts; and it must decline what it does not
// read itself. Held to the full reader on every YAML file of the repository,
// on the benchmark's generated files, and on generated block documents full
// of scalars the core schema reads in different ways.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastYaml } from '../src/load/fast-yaml.js';
import { parseWithYaml, type YamlSource } from '../src/load/yaml-source.js';
import { partnershipText } from './bench-data/generate.mjs';
import { engine } from './helpers/engine.js';

const root = join(import.meta.dirname, '..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Every path into a value, the root included. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** Whether fastYaml accepted the text; when it did, its value and positions are the full reader's (else the test fails). */
function agrees(text: string): boolean {
  const fast = fastYaml(text, 64);
  if (!fast) return false;
  const full = parseWithYaml('file.yaml', text);
  if (!full.ok) throw new Error(`fastYaml accepted a text the full reader rejects (${full.problems[0].message}):\n${text}`);
  expect(fast.value).toStrictEqual(full.source.value);
  expect(Object.keys(fast.value)).toEqual(Object.keys(full.source.value as object));
  const probes = [...paths(full.source.value), ['no-such-key'], ['activities', 99], ['partner', 'name', 'deeper']];
  for (const path of probes)
    for (const at of ['key', 'value'] as const)
      expect(fast.locate(path, at), `${JSON.stringify(path)} ${at}`).toEqual(locateBoth(full.source, path, at));
  return true;
}

const locateBoth = (source: YamlSource, path: (string | number)[], at: 'key' | 'value') => source.locate(path, at);

describe('fastYaml against the full reader', () => {
  it('agrees on every YAML file of the repository it accepts, and accepts most partnership files', () => {
    const files = yamlFiles(root);
    let accepted = 0;
    let partnerships = 0;
    let acceptedPartnerships = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const ok = agrees(text);
      if (ok) accepted++;
      if (/^cdrisk: 1$/m.test(text) && !file.includes('invalid') && !file.includes('hostile')) {
        partnerships++;
        if (ok) acceptedPartnerships++;
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(0);
    // The shipped partnership files are plain block YAML: the fast reader takes nearly all of them.
    expect(acceptedPartnerships / partnerships).toBeGreaterThan(0.8);
  });

  it("agrees on the benchmark's generated partnership files, and accepts every one", () => {
    const rules = engine().rules;
    for (let i = 0; i < 300; i++) expect(agrees(partnershipText(i, rules))).toBe(true);
  });

  // Scalars the core schema reads as null, booleans, numbers of several notations or strings.
  const scalar = fc.oneof(
    fc.constantFrom(
      '~',
      'null',
      'Null',
      'NULL',
      'true',
      'True',
      'TRUE',
      'false',
      'FALSE',
      'yes',
      'no',
      'on',
      'unknown',
      '0',
      '-0',
      '007',
      '12',
      '-3',
      '+5',
      '1.5',
      '-2.25',
      '1.',
      '.5',
      '1e3',
      '2E-2',
      '0x1F',
      '0o17',
      '.inf',
      '-.Inf',
      '.nan',
      '123456789012345678',
      '2019-05-12',
      '12:30',
      'C#',
      'a #b',
      'a#b',
      'x: y',
      'x:y',
      'http://example.org/a?b=c',
      '"quoted"',
      "'single'",
      "'it''s'",
      '"with \\" escape"',
      '"a # b"',
      "'a: b'",
      '[a, b]',
      '[ports, port logistics]',
      '[1, 2.5, true, null]',
      '[]',
      '[ ]',
      '{}',
      '[a, ]',
      '[a, [b]]',
      '{a: 1}',
      '{ name: Leeds, country: United Kingdom }',
      '{a: x, a: y}',
      '{a:1}',
      '{ a: 1, }',
      '{ a: [b] }',
      '&anchor x',
      '*alias',
      '!tag x',
      '|',
      '>',
      '- x',
      '-x',
      '-',
      '?',
      ':',
      '@x',
      '`x`',
      '%x',
      'Düsseldorf 東京',
      'a, b',
      'a]',
      'end:',
    ),
    fc.stringMatching(/^[a-z][a-z -]{0,12}[a-z]$/),
  );
  const key = fc.oneof(
    fc.constantFrom(
      'id',
      'name',
      'type',
      'country',
      'sectors',
      'x_1',
      'a-b',
      'null',
      'true',
      'constructor',
      '__proto__',
      '"quoted"',
      '2019',
    ),
    fc.stringMatching(/^[a-z][a-z_]{0,8}$/),
  );
  const comment = fc.constantFrom('', '', '', ' # a comment', '  #', ' #x');
  type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.record({ map: fc.array(fc.tuple(key, tie('t')), { minLength: 1, maxLength: 4 }) }),
      fc.record({ seq: fc.array(tie('t'), { minLength: 1, maxLength: 3 }) }),
    ),
  })).t;

  /** Block YAML for a tree, with comments, blank lines and both ways of writing a sequence under a key. */
  function render(t: Tree, indent: number, notes: string[], n: { i: number }, sameIndentSeq: boolean): string[] {
    const pad = ' '.repeat(indent);
    const note = () => notes[n.i++ % notes.length];
    if (typeof t === 'string') return [`${pad}${t}${note()}`];
    if ('map' in t)
      return t.map.flatMap(([k, v]) => {
        if (typeof v === 'string') return [`${pad}${k}: ${v}${note()}`];
        const inner = 'seq' in v && sameIndentSeq ? indent : indent + 2;
        return [`${pad}${k}:${note()}`, ...(n.i % 5 === 0 ? [`${pad}  # between`, ''] : []), ...render(v, inner, notes, n, sameIndentSeq)];
      });
    return t.seq.flatMap((v) => {
      if (typeof v === 'string') return [`${pad}- ${v}${note()}`];
      if ('map' in v && n.i % 2 === 0) {
        const [first, ...rest] = render(v, indent + 2, notes, n, sameIndentSeq);
        return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
      }
      return [`${pad}-`, ...render(v, indent + 2, notes, n, sameIndentSeq)];
    });
  }

  it('agrees on generated block documents whenever it accepts them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 6 }),
        fc.array(comment, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (entries, notes, sameIndentSeq, crlf) => {
          const lines = render({ map: entries }, 0, notes, { i: 0 }, sameIndentSeq);
          const text = `${lines.join(crlf ? '\r\n' : '\n')}\n`;
          if (agrees(text)) accepted++;
        },
      ),
      { numRuns: 2000, seed: 20261202 },
    );
    // Enough of them are in the subset for the comparison to mean something.
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('fastYaml: what it reads and what it leaves to the full reader', () => {
  const reads = {
    'plain block mappings and sequences': 'a: 1\nb:\n  c: x\n  d:\n    - p\n    - q\n',
    'a sequence at its key’s indentation': 'a:\n- x\n- y\nb: z\n',
    'compact mappings in a sequence': 'items:\n  - type: a\n    n: 2\n  - type: b\n',
    'flow sequences of plain words and the empty collections': 'a: [x, y z, 3]\nb: []\nc: {}\n',
    'flow mappings of plain words': 'city: { name: Leeds, country: United Kingdom }\nn: {a: 1}\n',
    'quoted scalars without escapes': `a: "x # y"\nb: 'it''s'\n`,
    'comments and blank lines': '# head\na: 1 # one\n\n  # indented\nb: 2\n',
    'Windows line ends': 'a: 1\r\nb:\r\n  - x\r\n',
  };
  for (const [what, text] of Object.entries(reads)) it(`reads ${what}`, () => expect(agrees(text)).toBe(true));

  const declines = {
    'an anchor and an alias': 'a: &x 1\nb: *x\n',
    'a tag': 'a: !!str 1\n',
    'a block scalar': 'a: |\n  text\n',
    'a plain scalar over two lines': 'a: one\n  two\n',
    'a double-quoted escape': 'a: "x\\ty"\n',
    'a flow mapping with a collection in it': 'a: {b: [1]}\n',
    'a tab': 'a:\t1\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'a reserved key': '__proto__: 1\n',
    'an empty value': 'a:\nb: 1\n',
    'a hexadecimal number': 'a: 0x1F\n',
    'an exponent': 'a: 1e3\n',
    'a number too long for a double': 'a: 12345678901234567890\n',
    'a document marker': '---\na: 1\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a top-level sequence': '- a\n- b\n',
    'a top-level scalar': 'just text\n',
    'an empty text': '',
    'a nested mapping on one line (an error)': 'a: b: c\n',
    'a key without a space after its colon': 'a:b\n',
    'nesting past the limit': `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n')}\n${' '.repeat(140)}v: 1\n`,
  };
  for (const [what, text] of Object.entries(declines))
    it(`leaves ${what} to the full reader`, () => expect(fastYaml(text, 64)).toBeUndefined());
});
