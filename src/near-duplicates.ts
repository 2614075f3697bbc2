/** Levenshtein distance, stopping early once it passes `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_value, index) => index);
  for (let row = 1; row <= a.length; row += 1) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= b.length; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      const value = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * True when two topic keys name the same thing written differently: equal once spaces and hyphens go
 * ("rate limit" / "ratelimit"), or one typo apart in a long name ("idempotency" / "idempotancy").
 */
export function isNearDuplicate(a: string, b: string): boolean {
  const compactA = a.replace(/[\s-]+/g, "");
  const compactB = b.replace(/[\s-]+/g, "");
  if (compactA === compactB) return true;
  return Math.min(compactA.length, compactB.length) >= 8 && editDistance(compactA, compactB, 1) <= 1;
}
