// npm run bench [-- --files N] [--runs R] [--keep]
//
// Generates N synthetic, varied partnership files in a temporary folder and
// times, side by side (alternating, median of R runs):
//   floor: one Node process that only walks, reads and yaml.parse()s them;
//   check: `cdrisk check` on the same folder.
// Then `cdrisk assess` on one file against `node -e 0` (median of 10 each).
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
const keep = args.includes('--keep');
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
  const r = spawnSync(file, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...extraEnv }, maxBuffer: 1 << 28 });
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

const cdrisk = join(root, 'bin', 'cdrisk.js');
const floor = [];
const check = [];
let floorRss = 0;
let checkRss = 0;
timeOnce(process.execPath, [floorScript, corpus]); // warm the page cache
for (let i = 0; i < RUNS; i++) {
  const f = timeOnce(process.execPath, [floorScript, corpus]);
  const c = timeOnce(process.execPath, [cdrisk, 'check', corpus, '--today', '2026-11-22']);
  floor.push(f.ms);
  check.push(c.ms);
  floorRss = Math.max(floorRss, f.rss);
  checkRss = Math.max(checkRss, c.rss);
}
const one = join(root, 'fixtures', 'port-stake-state-investor.yaml');
const nodeE = [];
const assess = [];
for (let i = 0; i < SINGLE_RUNS; i++) {
  nodeE.push(timeOnce(process.execPath, ['-e', '0']).ms);
  assess.push(timeOnce(process.execPath, [cdrisk, 'assess', one, '--today', '2026-11-22', '--format', 'json']).ms);
}

const [fl, ch, ne, as] = [median(floor), median(check), median(nodeE), median(assess)];
console.log(`files: ${N}, runs: ${RUNS} (median)`);
console.log(`floor (read + yaml.parse, one process): ${fmt(fl)}  peak RSS ${floorRss.toFixed(0)} MB`);
console.log(`cdrisk check:                           ${fmt(ch)}  peak RSS ${checkRss.toFixed(0)} MB`);
console.log(`check / floor:                          ${(ch / fl).toFixed(2)}x  (goal <= 1.5x)`);
console.log(`node -e 0:                              ${fmt(ne)}`);
console.log(`cdrisk assess one file:                 ${fmt(as)}`);
console.log(`assess / node -e 0:                     ${(as / ne).toFixed(2)}x  (goal <= 2.5x)`);
if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });

// The register bench (issue 13): its own script, run after this one.
if (!args.includes('--no-register')) await import('./bench-register.mjs');
