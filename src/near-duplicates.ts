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

// The shortest compact key that a one-typo difference may fold (isNearDuplicate's rule).
const TYPO_FROM_LENGTH = 8;

function compact(key: string): string {
  return key.replace(/[\s-]+/g, "");
}

function firstOf<T>(map: Map<string, T>, key: string, value: T): void {
  if (!map.has(key)) map.set(key, value);
}

/**
 * The keys added so far, each with a value, answering "the first-added key that isNearDuplicate of this one"
 * without comparing against every key: two strings are one edit apart exactly when they are equal, one is the
 * other with a character deleted, or both give the same string when the same position is deleted.
 */
export class NearDuplicateIndex<T> {
  // Compact key → first value; a compact key with one character deleted → first value (keys long enough to have a typo).
  readonly #exact = new Map<string, T>();
  readonly #deletions = new Map<string, T>();
  // `${position} ${compact key with that position deleted}` → first value: one substitution apart.
  readonly #substitutions = new Map<string, T>();
  readonly #order = new Map<T, number>();

  /** Adds a key; a value added earlier wins over a later one that matches the same key. */
  add(key: string, value: T): void {
    const compactKey = compact(key);
    this.#order.set(value, this.#order.size);
    firstOf(this.#exact, compactKey, value);
    if (compactKey.length < TYPO_FROM_LENGTH) return;
    for (let position = 0; position < compactKey.length; position += 1) {
      const deleted = compactKey.slice(0, position) + compactKey.slice(position + 1);
      if (compactKey.length > TYPO_FROM_LENGTH) firstOf(this.#deletions, deleted, value);
      firstOf(this.#substitutions, `${position} ${deleted}`, value);
    }
  }

  /** The value of the first-added key that is a near duplicate of `key`, or undefined. */
  first(key: string): T | undefined {
    const compactKey = compact(key);
    const found: Array<T | undefined> = [this.#exact.get(compactKey)];
    if (compactKey.length >= TYPO_FROM_LENGTH) {
      found.push(this.#deletions.get(compactKey));
      for (let position = 0; position < compactKey.length; position += 1) {
        const deleted = compactKey.slice(0, position) + compactKey.slice(position + 1);
        if (deleted.length >= TYPO_FROM_LENGTH) found.push(this.#exact.get(deleted));
        found.push(this.#substitutions.get(`${position} ${deleted}`));
      }
    }
    let best: T | undefined;
    for (const value of found) if (value !== undefined && (best === undefined || this.#order.get(value)! < this.#order.get(best)!)) best = value;
    return best;
  }
}
