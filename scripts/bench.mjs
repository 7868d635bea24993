// npm run bench [-- --files N] [--runs R] [--single-runs S] [--memory-files M] [--bin PATH] [--keep] [--best]
//
// One run, side by side, each figure with its peak RSS:
//   assess one real-sized file (a fixture), default table and --format json,
//     against `node -e 0` (alternating, median of S runs, default 10);
//   check on N synthetic partnership files (default 5000, as rich as the
//     fixtures), default output and --format json (the full report), against
//     the floor: one Node process that only walks, reads and yaml.parse()s
//     the same files (alternating, median of R runs, default 5).
//   memory: check on M synthetic files (default 50000; 0 skips it), default
//     output and --format json, against the same floor, one run each: the
//     peak RSS of a large repository.
// --bin runs another build's bin/cdrisk.js (to compare before and after).
// --best reports the fastest run instead of the median (on a machine shared
// with other work, the fastest run is the one least disturbed).
// Peak RSS comes from /usr/bin/time -f %M when present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../test/bench-data/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const N = opt('files', 5000);
const RUNS = opt('runs', 5);
const SINGLE_RUNS = opt('single-runs', 10);
const MEMORY_FILES = opt('memory-files', 50000);
const keep = args.includes('--keep');
const best = args.includes('--best');
const binAt = args.indexOf('--bin');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const rules = JSON.parse(readFileSync(join(root, 'dist', 'rules.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'cdrisk-bench-'));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
const t0 = performance.now();
generateCorpus(corpus, N, rules);
console.log(`generated ${N} partnership files in ${corpus} (${Math.round(performance.now() - t0)} ms)`);

const floorScript = join(dir, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'dist', 'index.js'))};
let n = 0;
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\\.ya?ml$/.test(e.name)) { parse(readFileSync(p, 'utf8')); n++; }
  }
};
walk(process.argv[2]);
if (n === 0) process.exit(3);
`,
);

/** Runs a command once: wall-clock milliseconds and peak RSS in MB (when /usr/bin/time is there). */
function timeOnce(cmd, cmdArgs, extraEnv = {}) {
  const rssFile = join(dir, 'rss.txt');
  const [file, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...extraEnv },
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { ms, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => `${x.toFixed(0)} ms`;

const cdrisk = binAt === -1 ? join(root, 'bin', 'cdrisk.js') : args[binAt + 1];
const node = process.execPath;
const one = join(root, 'fixtures', 'port-stake-state-investor.yaml');
const today = ['--today', '2026-11-22'];

/** Runs each command `runs` times, alternating between them; median (or best) time and highest peak RSS of each. */
function sideBySide(commands, runs) {
  const times = commands.map(() => []);
  const rss = commands.map(() => 0);
  for (let i = 0; i < runs; i++) {
    commands.forEach(([, argv], k) => {
      const t = timeOnce(node, argv);
      times[k].push(t.ms);
      rss[k] = Math.max(rss[k], t.rss);
    });
  }
  return commands.map(([name], k) => ({ name, ms: best ? Math.min(...times[k]) : median(times[k]), rss: rss[k] }));
}

const single = sideBySide(
  [
    ['node -e 0', ['-e', '0']],
    ['assess, default table', [cdrisk, 'assess', one, ...today]],
    ['assess --format json', [cdrisk, 'assess', one, ...today, '--format', 'json']],
  ],
  SINGLE_RUNS,
);
timeOnce(node, [floorScript, corpus]); // warm the page cache
const many = sideBySide(
  [
    ['floor: read + yaml.parse', [floorScript, corpus]],
    ['check, default output', [cdrisk, 'check', corpus, ...today]],
    ['check --format json', [cdrisk, 'check', corpus, ...today, '--format', 'json']],
  ],
  RUNS,
);

const row = (r, base, goal) => {
  const ratio = base ? `${(r.ms / base.ms).toFixed(2)}x` : '';
  const mem = Number.isNaN(r.rss) ? '' : `peak RSS ${r.rss.toFixed(0)} MB${base ? ` (+${(r.rss - base.rss).toFixed(0)})` : ''}`;
  return `${r.name.padEnd(28)} ${fmt(r.ms).padStart(9)}  ${ratio.padStart(6)}  ${mem}${goal ? `  goal ${goal}` : ''}`;
};
console.log(`node ${process.version}, ${cdrisk}`);
const of = best ? 'best of' : 'median of';
console.log(`one file (${one.slice(root.length)}), ${of} ${SINGLE_RUNS}:`);
console.log(row(single[0]));
console.log(row(single[1], single[0], '<= 2.5x'));
console.log(row(single[2], single[0], '<= 2.5x'));
console.log(`${N} files, ${of} ${RUNS}:`);
console.log(row(many[0]));
console.log(row(many[1], many[0], '<= 1.5x'));
console.log(row(many[2], many[0], '<= 1.5x'));
if (MEMORY_FILES > 0) {
  const large = join(dir, 'large');
  mkdirSync(large);
  generateCorpus(large, MEMORY_FILES, rules);
  timeOnce(node, [floorScript, large]); // warm the page cache
  const [floor, plain, json] = sideBySide(
    [
      ['floor: read + yaml.parse', [floorScript, large]],
      ['check, default output', [cdrisk, 'check', large, ...today]],
      ['check --format json', [cdrisk, 'check', large, ...today, '--format', 'json']],
    ],
    1,
  );
  console.log(`${MEMORY_FILES} files, one run each (peak memory):`);
  console.log(row(floor));
  console.log(row(plain, floor, 'peak <= floor + 50 MB'));
  console.log(row(json, floor, 'peak <= floor + 50 MB'));
  rmSync(large, { recursive: true, force: true });
}
if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });

// The register bench (issue 13): its own script, run after this one.
if (!args.includes('--no-register')) await import('./bench-register.mjs');
