// The JSON Schemas committed under schema/ must match what the tool prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { ROOT } from './helpers/engine.js';

describe('schema/', () => {
  it('partnership.schema.json is the output of `cdrisk schema`', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    expect(
      readFileSync(`${ROOT}schema/partnership.schema.json`, 'utf8'),
      'schema/partnership.schema.json is stale: regenerate it with `npm run build && node bin/cdrisk.js schema > schema/partnership.schema.json`',
    ).toBe(r.stdout);
  });
  it('report.schema.json is the output of `cdrisk schema --report` (generated from src/report/schema.ts)', async () => {
    const r = await cli(['schema', '--report']);
    expect(r.code).toBe(0);
    expect(
      readFileSync(`${ROOT}schema/report.schema.json`, 'utf8'),
      'schema/report.schema.json is stale: regenerate it with `npm run build && node bin/cdrisk.js schema --report > schema/report.schema.json`',
    ).toBe(r.stdout);
  });
  it('the report schema takes its enumerations from the rule data', async () => {
    const schema = JSON.parse((await cli(['schema', '--report'])).stdout) as { $defs: Record<string, { enum?: unknown[] }> };
    expect(schema.$defs.recommendation.enum).toEqual(['proceed', 'proceed-with-safeguards', 'escalate', 'do-not-proceed', 'disengage']);
    expect(schema.$defs.stakeholder.enum).toEqual(['gov', 'nac', 'aca', 'civ', 'com', 'med', 'pcc']);
    expect(schema.$defs.category.enum).toEqual(['geopolitical', 'economic-ip', 'ethical-reputational']);
  });
});
