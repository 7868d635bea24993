// Text from a partnership or rule file is untrusted: before it reaches a
// terminal or a CI log it goes through `termText`, which shows every control
// character as an escape (`\x1b`, `\n`) so that a value can neither move the
// cursor, set the window title, nor start a new line that a CI runner would
// read as a workflow command (`::stop-commands::`). Each output format still
// has its own escaper on top (HTML, XML, markdown, workflow commands).

/**
 * C0 controls (newline and tab included), DEL, C1 controls, the Unicode line
 * and paragraph separators, and the bidirectional overrides and isolates
 * (which can make a line read differently from what it holds).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same without the newline: for whole messages whose line breaks are ours. */
const UNSAFE_KEEP_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of printable text: control characters shown as `\x1b`, newlines as `\n`. */
export function termText(s: string): string {
  return UNSAFE_TEST.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

/** As termText, but keeps line feeds: for messages and listings whose lines cdrisk itself broke. */
export function termLines(s: string): string {
  return s.replace(UNSAFE_KEEP_LINES, escapeChar);
}

/**
 * A line that starts with `::` is a workflow command to a CI runner (GitHub
 * Actions reads them from both output streams). cdrisk writes such lines only
 * in its annotations; anywhere else, a line can only start so because text
 * from a file does (a title, a file name such as `::stop-commands::x.yaml`).
 * This shows the first colon of such a line as `\x3a`, for every format but
 * the annotations themselves. Leading spaces and colour codes are looked past.
 */
export function guardCommandStarts(text: string): string {
  return text.includes('::') ? text.replace(/^((?:[ \t]|\u001b\[[0-9;]*m)*):(?=:)/gm, '$1\\x3a') : text;
}

/** Whether a string holds anything termText would change. */
export function hasUnsafe(s: string): boolean {
  return UNSAFE_TEST.test(s);
}

/**
 * A copy of a value (a result, a whole report) in which every string, and
 * every key, has gone through termText. Formatters for people and CI logs
 * render from this copy, so no text from a file reaches them raw whatever
 * field it sits in. Values without anything to escape are returned as they
 * are (no copy).
 */
export function termSafe<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return termText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const c = clean(value[i]);
      if (c !== value[i]) (out ??= value.slice())[i] = c;
    }
    return out ?? value;
  }
  // Nothing is allocated until a key or value changes: a clean report (nearly every one) is walked, not copied.
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  let cleaned: [string, unknown][] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    const ck = termText(k);
    const cv = clean(v);
    if (!cleaned && (ck !== k || cv !== v)) cleaned = keys.slice(0, i).map((p): [string, unknown] => [p, obj[p]]);
    cleaned?.push([ck, cv]);
  }
  // fromEntries defines own properties: a key such as "__proto__" cannot reach a prototype.
  return cleaned ? Object.fromEntries(cleaned) : value;
}

/**
 * For JSON text (the JSON and SARIF reports): JSON.stringify escapes C0
 * controls but leaves DEL, C1 controls, the line separators and the
 * bidirectional controls raw. Those can only stand inside JSON strings, where
 * `\uXXXX` means the same character, so the document's value is unchanged.
 */
export function jsonSafe(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
