import type { Level, Recommendation } from '../shared/levels.js';

export interface EvidenceItem {
  path: string;
  value: unknown;
  line?: number;
  note?: string;
  /** Where the fact stands in the draft agreement, when it comes from one (src/engine/draft.ts). */
  draft?: { file: string; clause: string | null; page: number | null; paragraph: number | null; line: number | null };
}

export interface Finding {
  ruleId: string;
  title: string;
  category: string;
  scenario: string;
  impacts: string[];
  likelihood: number;
  impact: number;
  score: number;
  level: Level;
  modifiers: { rating: 'likelihood' | 'impact'; add: number; note: string }[];
  residual: { likelihood: number; impact: number; score: number; level: Level; mitigations: string[] };
  /** Mitigations from the catalogue that address this finding and are not declared yet. */
  available: string[];
  evidence: EvidenceItem[];
  stakeholders: string[];
  recommendation: string;
  blocking: boolean;
  phase: 'foresight' | 'management';
  accepted: boolean;
  acceptance?: { reason: string; approved_by: string; expires: string };
}

export interface CategoryScore {
  id: string;
  level: Level;
  score: number;
  inherentScore: number;
}

export interface ForesightAnswer {
  id: string;
  question: string;
  answer: 'yes' | 'no' | 'unknown';
  /** The answer that signals a concern; the other one is the all-clear. */
  concern: 'yes' | 'no';
  evidence: EvidenceItem[];
  /** For an unknown answer: the missing facts that would settle it, each with its question and whom to ask. */
  open?: { path: string; question: string; ask: string[] }[];
}

export interface ForesightStep {
  step: number;
  title: string;
  answers: ForesightAnswer[];
  findings: string[];
  outcome: string;
}

export interface StakeholderEntry {
  code: string;
  name: string;
  reasons: string[];
  consulted: boolean;
  questions: string[];
}

export interface Gap {
  path: string;
  question: string;
  ask: string[];
  rules: string[];
  /** The level the rules it could trigger would reach. */
  potential: Level;
}

export interface ManagementCategory {
  id: string;
  level: Level;
  declared: string[];
  available: string[];
  monitor: string;
  stop: boolean;
}

export type ObligationStatus = 'due' | 'overdue' | 'done' | 'not-yet-applicable';

/** One legal obligation of rules/obligations/ that applies to the partnership. */
export interface ObligationResult {
  id: string;
  kind: 'prohibition' | 'approval' | 'notification' | 'screening' | 'registration';
  /** ISO 3166-1 or 3166-2 code of the jurisdiction whose law it is. */
  jurisdiction: string;
  /** The name of the pack's country. */
  jurisdictionName: string;
  title: string;
  action: string;
  deadline: { kind: string; days?: number; date?: string; note?: string; due?: string; text: string };
  authority: string;
  consequence: string;
  effective: { from: string; until?: string };
  source: { statute: string; section: string; url: string };
  /** The day the official text was checked; null when it was not (see unconfirmed). */
  reviewed: string | null;
  unconfirmed: string[];
  status: ObligationStatus;
  /** A prohibition in force: it decides the recommendation and cannot be accepted away. */
  blocking: boolean;
  notification?: { date: string; reference?: string };
  evidence: EvidenceItem[];
}

export interface FileResult {
  file: string;
  id: string | null;
  title?: string;
  status?: string;
  valid: boolean;
  errors: { message: string; path?: string; line?: number; column?: number }[];
  level: Level | null;
  score: number | null;
  /** Highest residual level among findings not covered by an accepted risk: what CI gates on. */
  openLevel: Level | null;
  inherent?: { level: Level; score: number };
  categories: CategoryScore[];
  findings: Finding[];
  foresight?: { steps: ForesightStep[]; recommendation: Recommendation; reason: string };
  management?: { categories: ManagementCategory[]; triggers: string[] };
  stakeholders: StakeholderEntry[];
  gaps: Gap[];
  /** What the law requires (rules/obligations/); absent for an invalid file. */
  obligations?: ObligationResult[];
  warnings: string[];
  /**
   * Set by the engine for a file whose `agreement.text` names a draft that was
   * not read yet: the command reads it and assesses the file again. Never in
   * a report.
   */
  pendingDraft?: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'cdrisk'; version: string };
  results: FileResult[];
  summary: {
    files: number;
    invalid: number;
    byLevel: Record<Level, number>;
    failed?: number;
    accepted?: number;
  };
}
