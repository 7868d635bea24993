// Common English words a report in another language must not hold, outside
// ids, field paths, code spans and addresses. Used by the tests that read the
// German, Japanese and Korean markdown and table reports.

/** Function words and the words of our own reports; never a name. */
export const COMMON_ENGLISH = [
  'the',
  'and',
  'of',
  'to',
  'is',
  'are',
  'in',
  'for',
  'with',
  'on',
  'by',
  'not',
  'from',
  'before',
  'after',
  'still',
  'what',
  'which',
  'who',
  'when',
  'this',
  'that',
  'there',
  'these',
  'none',
  'yes',
  'no',
  'unknown',
  'known',
  'if',
  'or',
  'than',
  'each',
  'risk',
  'risks',
  'level',
  'score',
  'finding',
  'findings',
  'partnership',
  'partnerships',
  'file',
  'files',
  'line',
  'consult',
  'stakeholder',
  'stakeholders',
  'gap',
  'gaps',
  'question',
  'questions',
  'summary',
  'recommendation',
  'overall',
  'category',
  'impact',
  'scenario',
  'likelihood',
  'evidence',
  'safeguard',
  'safeguards',
  'status',
  'deadline',
  'authority',
  'law',
  'rule',
  'accepted',
  'obligation',
  'obligations',
  'heat',
  'map',
  'step',
  'answer',
  'monitor',
  'review',
  'proposed',
  'active',
  'critical',
  'high',
  'medium',
  'low',
  'escalate',
  'proceed',
  'disengage',
  'due',
  'notification',
  'stated',
  'declared',
  'assessed',
  'briefing',
  'since',
  'until',
  'now',
  'available',
  'lower',
  'does',
  'do',
  'them',
  'it',
  'its',
];

const CODE_SPAN = /`[^`\n]*`/g;
const ADDRESS = /<?https?:\/\/\S+>?/g;
/** ids and paths: kebab-case, dotted, slashed, indexed, or with an extension. */
const ID_LIKE = /\b[\p{L}\p{N}_]+(?:[-./:][\p{L}\p{N}_[\]]+)+\b/gu;
const ESCAPE = /\x1b\[[0-9;]*m/g;
/**
 * Names of organisations, journals, series and laws that the citations give as
 * they are published, unquoted: proper names, not our words. Quoted titles are
 * left out by QUOTED_TITLE below.
 */
export const PROPER_NAMES = [
  'Our World in Data',
  'Politics and Governance',
  'National Counterintelligence and Security Center',
  'Safeguarding Our Future',
  '(Notifiable Acquisition) (Specification of Qualifying Entities) Regulations 2021',
  'National Security and Investment Act 2021',
  'City Diplomacy Lab Policy Briefs',
];

/**
 * Titles of published works and laws, which a citation quotes as published
 * (German „…“, Japanese 「…」『…』, Korean and English “…” and "…"): not our words.
 */
const QUOTED_TITLE = /„[^“\n]*“|“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|"[^"\n]*"/g;

/** The common English words in `text` (each once, in order), ids, paths and code left out. */
export function englishWords(text: string, allowed: readonly string[] = []): string[] {
  const plain = PROPER_NAMES.reduce((t, name) => t.split(name).join(' '), text)
    .replace(ESCAPE, '')
    .replace(CODE_SPAN, ' ')
    .replace(QUOTED_TITLE, ' ')
    .replace(ADDRESS, ' ')
    .replace(ID_LIKE, ' ');
  const common = new Set(COMMON_ENGLISH.filter((w) => !allowed.includes(w)));
  const found = new Set<string>();
  // A snake_case token is a field name (cost_and_impact), not words.
  for (const word of plain.match(/[A-Za-z_]+/g) ?? [])
    if (!word.includes('_') && common.has(word.toLowerCase())) found.add(word.toLowerCase());
  return [...found];
}
