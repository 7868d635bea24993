// The report's types, inferred from its zod schema (./schema.ts): the one place its shape is written.
export type {
  CategoryScore,
  EvidenceItem,
  FileResult,
  Finding,
  ForesightAnswer,
  ForesightStep,
  Gap,
  ManagementCategory,
  ObligationResult,
  ObligationStatus,
  Report,
  StakeholderEntry,
} from './schema.js';
