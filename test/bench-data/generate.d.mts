/** The text of synthetic partnership file number i, built from the rule set's vocabulary. */
export function partnershipText(i: number, rules: unknown, rand?: () => number): string;
/** Writes n synthetic partnership files, 500 to a folder, under dir. */
export function generateCorpus(dir: string, n: number, rules: unknown): void;
