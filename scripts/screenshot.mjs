// Renders the HTML report of one or more partnership files in headless
// Chromium (the system browser, driven by playwright-core) and saves a PNG,
// and with --pdf an A4 PDF as well, so anyone can look at the report.
//
//   npm run screenshot -- fixtures/port-stake-state-investor.yaml [more files] [--out report.png] [--pdf] [--today YYYY-MM-DD] [--lang en|de|ja|ko] [--width 1000]
//   npm run screenshot -- --portfolio fixtures/registers/nuernberg-partnerstaedte.csv   (the portfolio page of a register or folders)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CDRISK_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));

function usage(message) {
  process.stderr.write(
    `screenshot: ${message}\nusage: npm run screenshot -- FILE... [--out PNG] [--pdf] [--today YYYY-MM-DD] [--lang en|de|ja|ko] [--width PX]\n`,
  );
  process.exit(2);
}

const files = [];
let out = 'cdrisk-report.png';
let pdf = false;
let today;
let width = 1000;
let portfolio = false;
let lang;
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k++) {
  const a = argv[k];
  if (a === '--out') out = argv[++k] ?? usage('--out needs a file name');
  else if (a === '--pdf') pdf = true;
  else if (a === '--portfolio') portfolio = true;
  else if (a === '--today') today = argv[++k] ?? usage('--today needs a date');
  else if (a === '--lang') lang = argv[++k] ?? usage('--lang needs a language (en, de, ja, ko)');
  else if (a === '--width') width = Number(argv[++k]) || usage('--width needs a number of pixels');
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else files.push(a);
}
if (!files.length) usage('name at least one partnership file');

if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `screenshot: no Chromium at ${CHROMIUM}.\n` +
      'Install the system browser first (Debian/Ubuntu: apt-get install -y chromium),\n' +
      'or point CDRISK_CHROMIUM at a Chromium or Chrome binary.\n',
  );
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cdrisk.js'))) usage('dist/ is missing: run npm run build first');

// The report comes from the real CLI, exactly as a user would get it.
const args = [join(root, 'bin', 'cdrisk.js'), portfolio ? 'portfolio' : 'assess', ...files, '--format', 'html', '--no-color'];
if (today) args.push('--today', today);
if (lang) args.push('--lang', lang);
let html;
try {
  html = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
} catch (err) {
  // Exit code 1 means "a file is at or above --fail-on": the report is still on stdout.
  // Exit code 2 from portfolio means some rows were invalid: the page lists them.
  if ((err.status === 1 || (portfolio && err.status === 2)) && err.stdout) html = err.stdout;
  else {
    process.stderr.write(err.stderr || String(err));
    process.exit(err.status || 2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'cdrisk-shot-'));
const page = join(work, 'report.html');
writeFileSync(page, html);

const { chromium } = await import('playwright-core');
// A fresh profile each run; playwright wants it as launchPersistentContext's first argument.
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  // Works as root, in a container, with no network.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width, height: 900 },
  javaScriptEnabled: false,
  offline: true,
});
try {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
  const png = resolve(out);
  await tab.screenshot({ path: png, fullPage: true });
  process.stdout.write(`screenshot: wrote ${png} (${Buffer.byteLength(html)} bytes of HTML)\n`);
  if (pdf) {
    const pdfPath = png.replace(/\.png$/i, '') + '.pdf';
    await tab.emulateMedia({ media: 'print' });
    await tab.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    process.stdout.write(`screenshot: wrote ${pdfPath}\n`);
  }
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
