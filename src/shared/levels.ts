// The one place that maps scores to levels and orders levels and recommendations.
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const RECOMMENDATIONS = [
  'proceed',
  'proceed-with-safeguards',
  'escalate',
  'do-not-proceed',
  'disengage',
] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

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

export function scoreToLevel(score: number, bands: readonly Band[]): Level {
  for (const band of bands) {
    if (score >= band.min && score <= band.max) return band.level;
  }
  // Bands are validated to cover 1..25 without gaps, so this is a bug.
  throw new Error(`no band covers score ${score}`);
}

export function clampRating(n: number): number {
  return Math.min(5, Math.max(1, Math.round(n)));
}
