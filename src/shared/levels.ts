// The risk levels, in order, and the one function that maps scores to them.
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export interface Band {
  level: Level;
  min: number;
  max: number;
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/**
 * The one function that maps a score to a level, by the bands of
 * rules/bands.yaml (or a --rules pack's): every output calls it.
 */
export function scoreToLevel(score: number, bands: readonly Band[]): Level {
  for (const band of bands) {
    if (score >= band.min && score <= band.max) return band.level;
  }
  // Bands are validated to cover every score without gaps, so this is a bug.
  throw new Error(`no band covers score ${score}`);
}

/** A rating scale of rules/bands.yaml: its named steps, keyed "1".."n". */
export type RatingScale = Readonly<Record<string, string>>;

/** The top of a rating scale (5 for the brief's 1..5). */
export function scaleTop(scale: RatingScale): number {
  return Object.keys(scale).length;
}

/** The highest score there is: the top likelihood times the top impact (25 on a 5x5 matrix). */
export function maxScore(scales: { likelihood: RatingScale; impact: RatingScale }): number {
  return scaleTop(scales.likelihood) * scaleTop(scales.impact);
}

export function clampRating(n: number): number {
  return Math.min(5, Math.max(1, Math.round(n)));
}
