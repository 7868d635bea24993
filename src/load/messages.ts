/**
 * The words of the loader's messages come from a catalogue: labels errors.*
 * of rules/i18n/<lang>.yaml, in the language the command runs in. The loader
 * gets the catalogue as a function (the engine builds it from the rule set's
 * labels), so that src/load needs no rule set and no language of its own.
 */
export type MessageVars = Record<string, string | number>;

/** The label `key` with its {placeholders} filled from `vars`. */
export type Say = (key: string, vars?: MessageVars) => string;

/** What kind of error a load error is, where a caller must tell it apart whatever the language. */
export type LoadErrorKind = 'not-partnership';

/**
 * The key of an error's kind: a symbol, so that it stays out of the JSON
 * report (JSON.stringify and the report schema see only string keys).
 */
export const ERROR_KIND: unique symbol = Symbol('cdrisk.load-error-kind');

/** The errors of a YAML file that is not a partnership file (no top-level `cdrisk` key): check, portfolio and history skip it. */
export function isNotPartnership(errors: readonly object[]): boolean {
  return errors.length === 1 && (errors[0] as { [ERROR_KIND]?: LoadErrorKind })[ERROR_KIND] === 'not-partnership';
}
