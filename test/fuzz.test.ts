import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/load/partnership.js';
import { assessBytes } from '../src/engine/run.js';
import { engine, ROOT } from './helpers/engine.js';

const ctx = engine();
const SEED = Number(process.env.CDRISK_FUZZ_SEED ?? 4242);
const RUNS = Number(process.env.CDRISK_FUZZ_RUNS ?? 400);

/** Valid and invalid fixtures: mutations of both reach every stage of the loader. */
const CORPUS = [
  `${ROOT}fixtures/port-stake-state-investor.yaml`,
  `${ROOT}test/rule-cases/_base.yaml`,
  ...readdirSync(`${ROOT}fixtures/invalid`).map((f) => `${ROOT}fixtures/invalid/${f}`),
].map((f) => readFileSync(f, 'utf8'));

/** The loader's contract: ok with a partnership, or errors that each say something and sit at a real place. */
function checkOutcome(r: LoadResult, text?: string) {
  if (r.ok) {
    expect(typeof r.partnership.id).toBe('string');
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  const lines = text === undefined ? Infinity : text.split('\n').length + 1;
  for (const e of r.errors) {
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(5);
    if (e.line !== undefined) {
      expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines).toBe(true);
      expect(Number.isInteger(e.column) && e.column! >= 1).toBe(true);
    }
  }
}

type Mutation =
  { kind: 'delete' | 'duplicate'; line: number } | { kind: 'swap'; at: number } | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '\t',
      ':',
      ': ',
      '- ',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '#',
      '&a ',
      '*a',
      '!!js/function ',
      '!x ',
      '---\n',
      '__proto__: 1\n',
      '\n  ',
      ' ',
      '\u00a0',
      '\ufeff',
      '<<: *a\n',
      '\\',
    ),
  }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete':
      lines.splice(m.line % lines.length, 1);
      return lines.join('\n');
    case 'duplicate': {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swap': {
      if (text.length < 2) return text;
      const i = m.at % (text.length - 1);
      return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
  }
}

describe('fuzzing the loader', () => {
  it('random bytes: never throws, always ok or located errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        checkOutcome(ctx.loader.load('fuzz.yaml', bytes));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('random text built from YAML punctuation: never throws', () => {
    const piece = fc.constantFrom(
      'cdrisk: 1\n',
      'id: a\n',
      'a',
      ':',
      ' ',
      '\n',
      '  ',
      '-',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&x',
      '*x',
      '!',
      '?',
      '|',
      '>',
      '"',
      "'",
      '#',
      '%YAML 1.2\n',
      '---',
      '...',
      '\t',
      'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        const text = pieces.join('');
        checkOutcome(ctx.loader.load('fuzz.yaml', Buffer.from(text)), text);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('mutated fixtures: the loader and the whole assessment never throw', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (source, ms) => {
        const text = ms.reduce(mutate, source);
        const bytes = Buffer.from(text);
        checkOutcome(ctx.loader.load('fuzz.yaml', bytes), text);
        const result = assessBytes('fuzz.yaml', bytes, ctx);
        if (result.valid) valid++;
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Some mutations (a swapped space in a comment, a duplicated list item) leave the file valid: the engine ran too.
    expect(valid).toBeGreaterThan(0);
  });
});
