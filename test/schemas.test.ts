// The JSON Schemas committed under schema/ must match what the tool prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';

describe('schema/', () => {
  it('partnership.schema.json is the output of `cdrisk schema`', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    expect(readFileSync(`${ROOT}schema/partnership.schema.json`, 'utf8'), 'schema/partnership.schema.json is stale: regenerate it with `npm run build && node bin/cdrisk.js schema > schema/partnership.schema.json`').toBe(r.stdout);
  });
  it('`cdrisk schema --report` prints report.schema.json', async () => {
    const r = await cli(['schema', '--report']);
    expect(r.stdout).toBe(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8'));
  });
});
