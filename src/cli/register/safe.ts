/**
 * Text from a register on its way to a terminal or a CI log: control
 * characters (escape sequences, carriage returns, bidirectional overrides)
 * are shown as \u escapes, never passed through, and very long values are cut.
 */
export function safeText(s: string, max = 200): string {
  const shown = s.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown.length > max ? `${shown.slice(0, max)}...` : shown;
}
