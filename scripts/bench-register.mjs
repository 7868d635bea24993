// npm run bench:register [-- --rows N] [--register-runs R] [--keep]   (also run at the end of npm run bench)
//
// Generates a register of N twinnings (default 30,000; scripts/gen-register.mjs,
// country names as lists write them) in a temporary folder, never in the
// repository, and times `cdrisk portfolio REGISTER --format json` (median of
// R runs, default 3) and one `cdrisk import`, with peak RSS and CPU time from
// /usr/bin/time. Goals (issue 13): screened in under 10 s, under 300 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegister } from './gen-register.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const ROWS = opt('rows', 30000);
const RUNS = opt('register-runs', 3);
const keep = args.includes('--keep');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cdrisk = join(root, 'bin', 'cdrisk.js');

const dir = mkdtempSync(join(tmpdir(), 'cdrisk-bench-register-'));
const register = join(dir, 'register.csv');
const { csv, expected } = generateRegister({ rows: ROWS, seed: 1 });
writeFileSync(register, csv);
console.log(
  `\nregister: ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB, ${expected.filter((e) => e.bad).length} rows no reader can place) in ${register}`,
);

function timeOnce(cmdArgs) {
  const stats = join(dir, 'time.txt');
  const [file, argv] = TIME ? [TIME, ['-f', '%M %U %S', '-o', stats, process.execPath, ...cmdArgs]] : [process.execPath, cmdArgs];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`cdrisk ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [rss, user, sys] = TIME ? readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rss: rss / 1024, cpu: (user + sys) * 1000, stdout: String(r.stdout), stderr: String(r.stderr) };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The machine may be shared: the load average says how far the wall clock can be trusted.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `load average before: ${load()}; ${availableParallelism()} cores; threads: ${process.env.CDRISK_THREADS ?? 'one per core above 400 rows'}`,
);
const runs = [];
for (let i = 0; i < RUNS; i++)
  runs.push(timeOnce([cdrisk, 'portfolio', register, '--format', 'json', '-o', join(dir, 'portfolio.json'), '--today', '2026-11-22']));
const report = JSON.parse(readFileSync(join(dir, 'portfolio.json'), 'utf8'));
const imp = timeOnce([cdrisk, 'import', register, '--out', join(dir, 'out')]);
const imported = Number(/(\d+) imported/.exec(imp.stdout)?.[1] ?? NaN);
const ms = median(runs.map((r) => r.ms));
const rss = Math.max(...runs.map((r) => r.rss));
console.log(
  `cdrisk portfolio --format json:  ${ms.toFixed(0)} ms (median of ${RUNS}; CPU ${median(runs.map((r) => r.cpu)).toFixed(0)} ms)  peak RSS ${rss.toFixed(0)} MB  (goals < 10000 ms, < 300 MB)`,
);
console.log(
  `  ${report.portfolio.total} rows screened, ${report.portfolio.invalid} invalid; by level ${JSON.stringify(report.portfolio.byLevel)}`,
);
console.log(
  `cdrisk import (one file per row): ${imp.ms.toFixed(0)} ms (CPU ${imp.cpu.toFixed(0)} ms)  peak RSS ${imp.rss.toFixed(0)} MB; ${imported} of ${ROWS} rows imported (${((100 * imported) / ROWS).toFixed(2)}%)`,
);
console.log(`load average after: ${load()}`);
if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
