import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const TODAY = ['--today', '2026-11-22'];

describe('assess on a directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdrisk-assess-dir-'));
    mkdirSync(join(dir, 'partnerships'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(dir, 'drafts'));
    copyFileSync(join(FIXTURES, 'cultural-exchange-liberal-democracies.yaml'), join(dir, 'partnerships', 'benign.yaml'));
    copyFileSync(join(FIXTURES, 'port-stake-state-investor.yaml'), join(dir, 'drafts', 'port.yml'));
    writeFileSync(join(dir, 'mkdocs.yml'), 'site_name: Docs\n');
    writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'on: [push]\njobs: {}\n');
    writeFileSync(join(dir, '.cdriskignore'), 'drafts/\n');
  });

  it('assesses the partnership files only, honouring .cdriskignore, like check', async () => {
    const r = await cli(['assess', dir, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).results.map((x: { file: string }) => x.file);
    expect(files).toEqual([join(dir, 'partnerships', 'benign.yaml')]);
  });

  it('still reports a YAML file named on the command line that is not a partnership file', async () => {
    const r = await cli(['assess', join(dir, 'mkdocs.yml'), '--format', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    const [result] = JSON.parse(r.stdout).results;
    expect(result.valid).toBe(false);
    expect(result.errors[0].message).toMatch(/not a partnership file/);
  });
});
