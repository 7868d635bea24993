import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The questionnaire as a person meets it: the built binary in a real
 * pseudo-terminal (python3's pty module), no mock in between.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'cdrisk.js');

// A hurried user: types "abc" into every free-text prompt (and clears it when
// refused), presses Enter on everything else (lists, numbers, dates, yes/no),
// until the program exits.
// With --interrupt=N it presses Ctrl+C instead of the N-th answer.
const DRIVER = String.raw`
import os, pty, re, select, sys, time, struct, fcntl, termios
args = sys.argv[1:]
interrupt = None
if args[0].startswith('--interrupt='):
    interrupt = int(args.pop(0).split('=')[1])
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.environ.pop('CI', None)
    os.execvp(args[0], args)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
ansi = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[>=]')
screen, pending, keys, last = '', '', 0, ''
deadline = time.time() + 60
try:
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.12)
        if r:
            try:
                data = os.read(fd, 65536).decode('utf8', 'replace')
            except OSError:
                break
            if not data:
                break
            screen += data
            pending += data
            continue
        text = ansi.sub('', pending)
        m = list(re.finditer(r'\? ([^\n\r]*)', text))
        if not m:
            continue
        prompt = m[-1].group(1)
        after = text[m[-1].start():]
        is_list = any(mark in after for mark in ('\u276f', '\u2191\u2193'))
        wants_text = not is_list and not re.search(r'a number|YYYY-MM-DD|\(y/N\)|\(Y/n\)', prompt)
        pending = ''
        keys += 1
        refused = wants_text and prompt.split('?')[0] == last.split('?')[0] and '> ' in text
        last = prompt if wants_text else ''
        if interrupt is not None and keys == interrupt:
            os.write(fd, b'\x03')
        elif refused:
            # "abc" was refused (a code of a set form is asked): clear it and skip the question.
            os.write(fd, b'\x7f\x7f\x7f\r')
            last = ''
        else:
            os.write(fd, b'abc\r' if wants_text else b'\r')
finally:
    try:
        os.kill(pid, 0) if time.time() >= deadline and os.kill(pid, 9) is None else None
    except OSError:
        pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(ansi.sub('', screen))
sys.stdout.write('\nANSWERS=%d\n' % keys)
sys.exit(os.waitstatus_to_exitcode(status))
`;

function drive(cwd: string, argv: string[], interrupt?: number) {
  const driver = join(cwd, 'driver.py');
  writeFileSync(driver, DRIVER);
  const args = [driver, ...(interrupt ? [`--interrupt=${interrupt}`] : []), process.execPath, BIN, ...argv];
  const r = spawnSync('python3', args, { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, screen: r.stdout, answers: Number(/ANSWERS=(\d+)/.exec(r.stdout)?.[1] ?? -1) };
}

const assessJson = (cwd: string, file: string) => {
  const r = spawnSync(process.execPath, [BIN, 'assess', file, '--today', '2026-11-22', '-f', 'json'], { cwd, encoding: 'utf8' });
  if (!r.stdout.trim()) throw new Error(`cdrisk assess printed nothing (exit ${r.status}): ${r.stderr}`);
  return { code: r.status, result: (JSON.parse(r.stdout) as { results: { valid: boolean; gaps: { path: string }[] }[] }).results[0] };
};

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cdrisk.js'))) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
});

describe('cdrisk questionnaire in a real terminal', () => {
  it('a hurried user who accepts every default ends with a file that assess judges valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pty-'));
    const { code, screen, answers } = drive(dir, ['questionnaire', '--out', 'hurried.yaml', '--today', '2026-11-22']);
    expect(code, screen).toBe(0);
    expect(screen).toContain('Wrote hurried.yaml');
    expect(screen).toContain('Information gaps');
    // The interview ends by itself, after a bounded number of answers.
    expect(answers).toBeGreaterThan(20);
    expect(answers).toBeLessThan(40);
    const text = readFileSync(join(dir, 'hurried.yaml'), 'utf8');
    expect(text.startsWith('# Partnership file written by `cdrisk questionnaire` on 2026-11-22.')).toBe(true);
    expect(parse(text)).toMatchObject({ cdrisk: 1, id: 'abc', title: 'abc', city: { name: 'abc' }, partner: { name: 'abc' } });
    const { code: assessCode, result } = assessJson(dir, 'hurried.yaml');
    expect(assessCode).toBe(0);
    expect(result.valid).toBe(true);
    expect(result.gaps.map((g) => g.path)).toContain('partner.type');
  });

  it('Ctrl+C in the middle exits 130, writes nothing and shows no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pty-'));
    const { code, screen } = drive(dir, ['questionnaire', '--out', 'x.yaml'], 8);
    expect(code).toBe(130);
    expect(screen).toContain('interrupted, nothing written');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('does not replace an existing file when the user just presses Enter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pty-'));
    writeFileSync(join(dir, 'mine.yaml'), 'precious\n');
    const { code, screen } = drive(dir, ['questionnaire', '--out', 'mine.yaml', '--today', '2026-11-22']);
    expect(code, screen).toBe(0);
    expect(screen).toContain('mine.yaml already exists. Replace it?');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('precious\n');
    // Asked for another name, the hurried user typed one: a .yaml file of that name.
    const written = /Wrote (\S+)/.exec(screen)?.[1];
    expect(written).toBe('abc.yaml');
    expect(assessJson(dir, written!).result.valid).toBe(true);
  });
});

describe('cdrisk questionnaire without a terminal', () => {
  it('exits 2 at once with a pointer to assess and the file format', () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'questionnaire'], {
      encoding: 'utf8',
      input: '',
      timeout: 10_000,
      env: { ...process.env, CI: '' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cdrisk assess FILE');
    expect(r.stderr).toContain('README');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 2 under CI=true even in a terminal', () => {
    const r = spawnSync('script', ['-qfec', `"${process.execPath}" "${BIN}" questionnaire`, '/dev/null'], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, CI: 'true' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('needs a terminal (CI is set)');
  });

  it('assess never loads the prompt library', () => {
    // Follow the static imports of the bundle: the prompts chunk is reachable only by import().
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      // Static imports only, minified or not; import("...") is lazy and is not followed.
      for (const m of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.\.?\/[^"']+)["']/g)) visit(join(file, '..', m[1]));
    };
    visit(join(ROOT, 'dist', 'cdrisk.js'));
    expect(seen.size).toBeGreaterThan(1);
    expect([...seen].filter((f) => /[\\/](prompts|questionnaire)-[^\\/]*\.js$/.test(f))).toEqual([]);
    const loaded = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(loaded).not.toContain('ExitPromptError');
  });
});
