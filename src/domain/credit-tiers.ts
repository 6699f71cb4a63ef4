/** SLA service-credit tiers: the one set of rules the admin form (text lines) and the API (a JSON list) share. */

export interface CreditTier {
  below: number;
  atLeast: number;
  creditPercent: number;
}

/** Why a tier is not valid, or null. */
export function tierProblem(t: CreditTier): string | null {
  if (![t.below, t.atLeast, t.creditPercent].every(Number.isFinite)) return 'write three numbers: below, at least, credit %.';
  if (!(t.atLeast < t.below) || t.atLeast < 0 || t.below > 100) return '"at least" must be below "below", both between 0 and 100.';
  if (t.creditPercent < 0 || t.creditPercent > 100) return 'the credit must be between 0 and 100 %.';
  return null;
}

/** One tier per line: "below, at least, credit %" (e.g. "99.95, 99.9, 15"); blank lines are skipped. */
export function parseTiers(text: string): CreditTier[] | string {
  const tiers: CreditTier[] = [];
  for (const [i, line] of text.split(/\r?\n/).map((l) => l.trim()).entries()) {
    if (!line) continue;
    const nums = line.split(/[,;\s]+/).filter(Boolean).map(Number);
    const tier = { below: nums[0], atLeast: nums[1], creditPercent: nums[2] };
    const problem = nums.length === 3 ? tierProblem(tier) : tierProblem({ below: NaN, atLeast: NaN, creditPercent: NaN });
    if (problem) return `Line ${i + 1}: ${problem}`;
    tiers.push(tier);
  }
  return tiers;
}

export function formatTiers(tiers: CreditTier[]): string {
  return tiers.map((t) => `${t.below}, ${t.atLeast}, ${t.creditPercent}`).join('\n');
}
