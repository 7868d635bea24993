import type * as z from 'zod';
import {
  bandsSchema,
  countriesSchema,
  currenciesSchema,
  foresightSchema,
  gapsSchema,
  matrixSchema,
  mitigationsSchema,
  rulePackSchema,
  sectorsSchema,
  sourcesSchema,
  tensionsSchema,
  vocabularySchema,
  renamedSchema,
  type Rule,
} from './schema.js';
import type { ObligationPack } from './obligations-schema.js';

/** Every table of rule knowledge, as one object. Built-in or merged with --rules packs. */
export interface RuleSet {
  vocabulary: z.infer<typeof vocabularySchema>;
  renamed: z.infer<typeof renamedSchema>['renamed'];
  matrix: z.infer<typeof matrixSchema>;
  bands: z.infer<typeof bandsSchema>;
  sectors: z.infer<typeof sectorsSchema>;
  countries: z.infer<typeof countriesSchema>;
  currencies: z.infer<typeof currenciesSchema>;
  tensions: z.infer<typeof tensionsSchema>;
  mitigations: z.infer<typeof mitigationsSchema>['mitigations'];
  sources: z.infer<typeof sourcesSchema>['sources'];
  gaps: z.infer<typeof gapsSchema>['gaps'];
  foresight: z.infer<typeof foresightSchema>;
  rules: Rule[];
  /** Obligation packs (rules/obligations/*.yaml), one per jurisdiction, in file order. */
  obligations: ObligationPack[];
}

/** The table files of a rules directory and the schema of each. */
export const TABLE_FILES = {
  'vocabulary.yaml': vocabularySchema,
  'renamed.yaml': renamedSchema,
  'matrix.yaml': matrixSchema,
  'bands.yaml': bandsSchema,
  'sectors.yaml': sectorsSchema,
  'countries.yaml': countriesSchema,
  'currencies.yaml': currenciesSchema,
  'tensions.yaml': tensionsSchema,
  'mitigations.yaml': mitigationsSchema,
  'sources.yaml': sourcesSchema,
  'gaps.yaml': gapsSchema,
  'foresight.yaml': foresightSchema,
} as const;
export type TableFile = keyof typeof TABLE_FILES;

/** Tables a user pack may not replace: they are the format's fixed vocabulary. */
export const FIXED_TABLES: readonly TableFile[] = ['vocabulary.yaml', 'renamed.yaml', 'matrix.yaml'];

export { rulePackSchema };
