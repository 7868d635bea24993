// The package as people install it: `npm pack`, then `npm install -g` of the
// tarball into a scratch prefix and a run from another folder; and the
// GitHub composite action (action.yml), its shell steps run with the inputs
// as environment variables, as the runner does. The pre-commit hook is
// installed by the real pre-commit tool in .ci/run (scripts/test-pre-commit.sh).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, TODAY } from './helpers/engine.js';

const scratch = mkdtempSync(join(tmpdir(), 'cdrisk-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const CRITICAL = `${ROOT}fixtures/port-stake-state-investor.yaml`;
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  files: string[];
};

describe('npm pack, npm install -g, run elsewhere', () => {
  let tarball = '';
  let listing: string[] = [];
  beforeAll(() => {
    // dist/ is current (pretest builds when stale), so the scripts need not run again.
    const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(scratch, info.filename);
    listing = info.files.map((f) => f.path).sort();
  }, 60_000);

  it('declares no runtime dependency: the bundle holds them all', () => {
    expect(listing.length).toBeGreaterThan(10);
    expect(pkg.dependencies ?? {}).toEqual({});
    // Every module the shipped JavaScript imports: static imports (minified: `import{a as b}from"x"`, `import"x"`) and import("x").
    const specifiers = new Set<string>();
    for (const f of listing.filter((x) => x.endsWith('.js'))) {
      const code = readFileSync(join(ROOT, f), 'utf8');
      for (const m of code.matchAll(
        /(?:^|[;}\s])import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s*[\w$]+)?\s*(?:from\s*)?"([^"]+)"|\bimport\("([^"]+)"\)/g,
      ))
        specifiers.add(m[1] ?? m[2]);
    }
    expect(specifiers.size).toBeGreaterThan(5);
    // Only what reads as a module name (the PDF.js code holds `import"${...}"` inside a template string).
    const bare = [...specifiers].filter((s) => /^[@\w][\w@./-]*$/.test(s) && !s.startsWith('./') && !s.startsWith('../'));
    // Node built-ins written without the node: prefix (by bundled CommonJS code) are the only others.
    for (const name of bare)
      expect(name, name).toMatch(
        /^(child_process|events|fs|path|process|os|tty|util|url|readline|stream|worker_threads|crypto|assert|module|string_decoder)$/,
      );
  });

  it('ships no source map, and the licence notices of the bundled code', () => {
    expect(listing.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(listing).toEqual(
      expect.arrayContaining([
        'THIRD-PARTY-NOTICES',
        'LICENSE',
        'bin/cdrisk.js',
        'dist/cdrisk.js',
        'dist/rules.json',
        'action.yml',
        '.pre-commit-hooks.yaml',
      ]),
    );
    const notices = readFileSync(`${ROOT}THIRD-PARTY-NOTICES`, 'utf8');
    for (const name of ['commander', 'yaml', 'zod', 'chalk', 'ignore', '@inquirer/core'])
      expect(notices).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\((MIT|ISC)\\)$`, 'm'));
    expect(notices).toContain('Permission is hereby granted');
  });

  it('the questionnaire chunk has the five prompts, not the barrel and its encodings', () => {
    const chunks = listing.filter((f) => f.startsWith('dist/chunks/'));
    const text = chunks.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    // The barrel's editor prompt brings external-editor and iconv-lite with its code-page tables.
    expect(text).not.toMatch(/iconv-lite|external-editor/i);
    const prompts = chunks.filter((f) => /^dist\/chunks\/prompts-/.test(f));
    expect(prompts).toHaveLength(1);
    // The register reader decodes Windows-1252 through TextDecoder, in its own chunk; the prompts carry no code pages.
    expect(readFileSync(join(ROOT, prompts[0]), 'utf8')).not.toMatch(/windows-1252|cp1252/i);
  });

  it('installs globally from the tarball and runs from another folder', () => {
    const prefix = join(scratch, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', tarball], {
      encoding: 'utf8',
    });
    expect(install.status, install.stderr).toBe(0);
    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    copyFileSync(CRITICAL, join(elsewhere, 'p.yaml'));
    const run = spawnSync(join(prefix, 'bin', 'cdrisk'), ['assess', 'p.yaml', '--format', 'json', '--today', TODAY], {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ file: 'p.yaml', level: 'critical' });
    const rules = spawnSync(join(prefix, 'bin', 'cdrisk'), ['rules', 'list'], {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(rules.status).toBe(0);
    expect(rules.stdout).toContain('state-investor-strategic-infrastructure');
  }, 60_000);
});

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: {
    using: string;
    steps: { id?: string; run?: string; uses?: string; shell?: string; env?: Record<string, string>; 'working-directory'?: string }[];
  };
}

describe('action.yml (composite GitHub Action)', () => {
  const action = parse(readFileSync(`${ROOT}action.yml`, 'utf8')) as Action;

  /** Runs the action's shell steps in order, as the runner would, in a scratch workspace; returns the last exit code. */
  function runAction(inputs: Record<string, string>, workspace: string) {
    const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
    const expand = (s: string) =>
      s.replace(/\$\{\{\s*(inputs\.([a-z-]+)|github\.action_path)\s*\}\}/g, (_, _all: string, input?: string) =>
        input ? values[input] : ROOT,
      );
    const outputFile = join(workspace, 'github-output');
    const summary = join(workspace, 'step-summary.md');
    writeFileSync(outputFile, '');
    let last = { code: 0, stdout: '', stderr: '' };
    for (const step of action.runs.steps) {
      if (!step.run) continue;
      expect(step.shell).toBe('bash');
      // An input spliced into a script could inject shell code: inputs go through env only.
      expect(step.run).not.toMatch(/\$\{\{/);
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
      const r = spawnSync('bash', ['-e', '-c', step.run], {
        cwd: step['working-directory'] ? expand(step['working-directory']) : workspace,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_ACTIONS: 'true',
          CDRISK_TODAY: TODAY,
          ...env,
        },
      });
      last = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      if (last.code !== 0) break;
    }
    return { ...last, outputs: readFileSync(outputFile, 'utf8'), summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
  }

  it('is a composite action with inputs for paths, fail-on, format and output', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'fail-on', 'format', 'output']));
  });

  it('fails the job on a critical file, writes the SARIF and the summary, and reports the exit code', () => {
    const ws = mkdtempSync(join(scratch, 'ws-'));
    mkdirSync(join(ws, 'partnerships'));
    copyFileSync(CRITICAL, join(ws, 'partnerships', 'xiamen.yaml'));
    writeFileSync(join(ws, 'mkdocs.yml'), 'site_name: x\n');
    const r = runAction({ paths: 'partnerships mkdocs.yml', format: 'sarif', output: 'cdrisk.sarif' }, ws);
    expect(r.code, r.stderr).toBe(1);
    expect(r.outputs).toContain('exit-code=1');
    const sarif = JSON.parse(readFileSync(join(ws, 'cdrisk.sarif'), 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('partnerships/xiamen.yaml');
    expect(r.summary).toContain('## cdrisk check');
    expect(r.stdout + r.stderr).toMatch(/::error file=partnerships\/xiamen\.yaml/);
  });

  it('passes on a benign file, and the default output goes to the log', () => {
    const ws = mkdtempSync(join(scratch, 'ws-'));
    writeFileSync(join(ws, 'p.yaml'), readFileSync(`${ROOT}test/rule-cases/_base.yaml`, 'utf8'));
    const r = runAction({ 'fail-on': 'critical' }, ws);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toContain('exit-code=0');
    expect(r.stdout).toMatch(/cdrisk check: 1 file, 0 invalid/);
  });
});
