// Answers: what a typed or chosen answer means, and where it goes in the
// draft partnership. No prompts, no files.
import type { Say } from '../../formatters/say.js';
import type { PromptChoice } from '../prompts.js';

/** A partnership file's mappings, as the interview builds them. */
export type Obj = Record<string, unknown>;

export const UNKNOWN = 'unknown';
/** The value of the "Don't know" choice: the answer is left out (or written `unknown`). */
export const DONT_KNOW = '__dont_know__';
export const dontKnowChoice = (say: Say): PromptChoice => ({ value: DONT_KNOW, name: say('questionnaire.choice.dont-know') });

export function triChoices(say: Say): PromptChoice[] {
  return [
    { value: 'yes', name: say('questionnaire.choice.yes') },
    { value: 'no', name: say('questionnaire.choice.no') },
    dontKnowChoice(say),
  ];
}

const ID_MAX = 60;

/** "MoU on port logistics with Xiamen" -> "mou-on-port-logistics-with-xiamen"; a long title is cut between words. */
export function kebab(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > ID_MAX) {
    const cut = s.lastIndexOf('-', ID_MAX);
    // One word longer than the limit has no boundary to cut at.
    s = cut > 0 ? s.slice(0, cut) : s.slice(0, ID_MAX);
  }
  return s || 'partnership';
}

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function getAt(root: Obj, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Obj)[key];
  }
  return node;
}

export function setAt(root: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Obj;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export const known = (v: unknown): boolean => v !== undefined && v !== null && v !== UNKNOWN;

export function parseNumber(raw: string): number | undefined {
  let s = raw.trim().replace(/[\s_']/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/**
 * Answers typed into a free-text prompt that mean "I don't know": the English
 * words always, and the "Don't know" label of the interview's language.
 */
export function isDontKnow(s: string, say?: Say): boolean {
  const t = s.trim();
  if (/^(\?|unknown|don'?t know|dk|-)$/i.test(t)) return true;
  return (
    say !== undefined && t !== '' && t.toLocaleLowerCase(say.lang) === say('questionnaire.choice.dont-know').toLocaleLowerCase(say.lang)
  );
}
