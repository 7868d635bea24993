// The CI examples parse, call commands and options that exist, and the
// pre-commit hook works in a real git repository.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, TODAY } from './helpers/engine.js';

const BIN = `${ROOT}bin/cdrisk.js`;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function helpOf(sub: string): string {
  const r = spawnSync(process.execPath, [BIN, sub, '--help'], { encoding: 'utf8' });
  expect(r.status, `cdrisk ${sub} --help`).toBe(0);
  return r.stdout;
}

/** Every `cdrisk SUB --opt ...` command in a text: the subcommand exists and every option is in its help. */
function expectCommandsExist(text: string): number {
  const code = text.replace(/^\s*#.*$/gm, '');
  const commands = [...code.matchAll(/(?:^|[\s;&|])cdrisk ([a-z]+)([^\n]*)/g)];
  for (const [, sub, rest] of commands) {
    const help = helpOf(sub);
    for (const [opt] of rest.matchAll(/--[a-z][a-z-]*/g)) expect(help, `cdrisk ${sub} ${opt}`).toContain(opt);
  }
  return commands.length;
}

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string>; if?: string }[] }>;
}

describe('examples/github-actions.yml', () => {
  const text = readFileSync(`${ROOT}examples/github-actions.yml`, 'utf8');
  const wf = parse(text) as Workflow;
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  it('parses as a workflow whose cdrisk commands and options exist', () => {
    const runs = steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');
    expect(expectCommandsExist(runs)).toBe(1);
    expect(runs).toMatch(/cdrisk check .*--format sarif/);
  });

  it('uploads the SARIF file that the check step writes, even when the gate fails', () => {
    const check = steps.find((s) => s.run?.includes('cdrisk check'))!.run!;
    const output = /--output (\S+)/.exec(check)![1];
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.with!.sarif_file).toBe(output);
    expect(upload.if).toBe('always()');
    expect(wf.permissions['security-events']).toBe('write');
  });

  it('is not itself a partnership file (cdrisk check ignores it)', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', 'examples', '.pre-commit-hooks.yaml', '--format', 'json', '--today', TODAY], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { files: number } }).summary.files).toBe(0);
  });
});

describe('pre-commit hooks', () => {
  it('.pre-commit-hooks.yaml calls a command that exists', () => {
    const hooks = parse(readFileSync(`${ROOT}.pre-commit-hooks.yaml`, 'utf8')) as { id: string; entry: string; files: string }[];
    expect(hooks.map((h) => h.id)).toEqual(['cdrisk-check']);
    expect(expectCommandsExist(hooks[0].entry)).toBe(1);
    expect(new RegExp(hooks[0].files).test('p/x.yml')).toBe(true);
  });

  it('examples/pre-commit-hook is valid sh and calls a command that exists', () => {
    const text = readFileSync(`${ROOT}examples/pre-commit-hook`, 'utf8');
    expect(spawnSync('sh', ['-n', `${ROOT}examples/pre-commit-hook`]).status).toBe(0);
    expect(expectCommandsExist(text)).toBe(1);
  });

  it('stops a commit of a critical partnership file and lets a benign one (and other YAML) through', () => {
    const repo = mkdtempSync(join(tmpdir(), 'cdrisk-hook-'));
    dirs.push(repo);
    const bin = join(repo, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'cdrisk'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@" --today ${TODAY}\n`);
    chmodSync(join(bin, 'cdrisk'), 0o755);
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.org',
      HOME: repo,
    };
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    git('init', '-q');
    copyFileSync(`${ROOT}examples/pre-commit-hook`, join(repo, '.git', 'hooks', 'pre-commit'));
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);

    writeFileSync(join(repo, 'mkdocs.yml'), 'site_name: x\n');
    writeFileSync(join(repo, 'benign partner.yaml'), readFileSync(`${ROOT}test/rule-cases/_base.yaml`, 'utf8'));
    git('add', '.');
    const ok = git('commit', '-q', '-m', 'benign');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);

    mkdirSync(join(repo, 'p'));
    copyFileSync(`${ROOT}fixtures/port-stake-state-investor.yaml`, join(repo, 'p', 'critical.yml'));
    git('add', '.');
    const blocked = git('commit', '-q', '-m', 'critical');
    expect(blocked.status).not.toBe(0);
    // git shows a hook's output on stderr.
    expect(blocked.stdout + blocked.stderr).toMatch(/p\/critical\.yml:\d+: critical:/);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);
  });
});
