import type { Level } from '../shared/levels.js';

export interface EvidenceItem {
  path: string;
  value: unknown;
  line?: number;
  note?: string;
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
  evidence: EvidenceItem[];
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
  foresight?: { steps: ForesightStep[]; recommendation: string; reason: string };
  management?: { categories: ManagementCategory[]; triggers: string[] };
  stakeholders: StakeholderEntry[];
  gaps: Gap[];
  warnings: string[];
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
