import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { assessBytes } from '../../engine/run.js';
import { LEVELS, type Level } from '../../shared/levels.js';
import { PARTNERSHIP_PREFILTER } from '../discover.js';
import type { PortfolioHistoryPoint } from './model.js';
import { isNotPartnership } from '../../load/messages.js';

/**
 * `--history`: the counts by level at the last commit of each month that
 * touched the paths, read through `git` itself (rev-list, ls-tree, cat-file);
 * no version-control logic of our own. Each file is assessed with today's
 * rules, so the trend shows how the partnerships changed, not the rules.
 */

const MAX_BUFFER = 512 * 1024 * 1024;

function git(cwd: string, args: string[], input?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER, input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new UserError('--history needs git on the PATH');
    throw new UserError(`--history: git ${args[0]} failed: ${String(e.stderr ?? err).split('\n')[0]}`);
  }
}

export async function portfolioHistory(paths: readonly string[], ctx: EngineContext): Promise<PortfolioHistoryPoint[]> {
  const targets = (paths.length ? paths : ['.']).map((p) => resolve(p));
  for (const t of targets) if (!existsSync(t)) throw new UserError(`${t}: no such file or folder`);
  const first = statSync(targets[0]).isDirectory() ? targets[0] : dirname(targets[0]);
  const top = git(first, ['rev-parse', '--show-toplevel']).trim();
  const rels = targets.map((t) => {
    const r = relative(top, t);
    if (r.startsWith('..') || isAbsolute(r)) throw new UserError(`--history: ${t} is outside the git repository at ${top}`);
    return r || '.';
  });
  // Newest first: hash, committer date (ISO, strict).
  const log = git(top, ['log', '--format=%H %cI', '--', ...rels]).trim();
  if (!log) return [];
  const lastOfMonth = new Map<string, string>();
  for (const line of log.split('\n')) {
    const [hash, date] = line.split(' ');
    const month = date.slice(0, 7);
    if (!lastOfMonth.has(month)) lastOfMonth.set(month, hash);
  }
  const points: PortfolioHistoryPoint[] = [];
  for (const [month, commit] of [...lastOfMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const listing = git(top, ['ls-tree', '-r', '-z', '--format=%(objectname) %(path)', commit, '--', ...rels]);
    const files = listing
      .split('\0')
      .filter(Boolean)
      .map((l) => ({ blob: l.slice(0, l.indexOf(' ')), path: l.slice(l.indexOf(' ') + 1) }))
      .filter((f) => /\.ya?ml$/i.test(f.path));
    const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
    let total = 0;
    let invalid = 0;
    if (files.length) {
      // One cat-file for the month: "<hash> blob <size>\n<bytes>\n" per file.
      const out = execFileSync('git', ['cat-file', '--batch'], {
        cwd: top,
        input: files.map((f) => f.blob).join('\n') + '\n',
        maxBuffer: MAX_BUFFER,
      });
      let at = 0;
      for (const f of files) {
        const nl = out.indexOf(0x0a, at);
        const size = Number(out.toString('latin1', at, nl).split(' ')[2]);
        const bytes = out.subarray(nl + 1, nl + 1 + size);
        at = nl + 1 + size + 1;
        if (!PARTNERSHIP_PREFILTER.test(bytes.toString('latin1'))) continue;
        const r = assessBytes(f.path, bytes, ctx);
        if (!r.valid && isNotPartnership(r.errors)) continue;
        total++;
        if (r.valid && r.level) byLevel[r.level]++;
        else invalid++;
      }
    }
    points.push({ month, commit, total, invalid, byLevel });
  }
  return points;
}
