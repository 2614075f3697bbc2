import { describe, expect, it } from "vitest";
import { editDistance, isNearDuplicate, NearDuplicateIndex } from "../../src/near-duplicates.ts";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
  it("stops past the limit", () => {
    expect(editDistance("abcdefgh", "zzzzzzzz", 1)).toBe(2);
  });
});

describe("isNearDuplicate", () => {
  it.each([
    ["rate limit", "ratelimit", true],
    ["dead letter", "dead-letter", true],
    ["idempotency", "idempotancy", true],
    ["retry", "entry", false],
    ["signing", "signature", false],
    ["endpoint", "endpoints secret", false],
  ])("%s ~ %s is %s", (a, b, expected) => {
    expect(isNearDuplicate(a, b)).toBe(expected);
  });
});

describe("NearDuplicateIndex", () => {
  const keys = ["idempotency", "rate limit", "ratelimit", "idempotancy", "idempotencys", "dempotency", "idempotnecy", "retry", "entry", "retr", "webhook signing", "webhook-signin", "webhooks signing", "abcdefgh", "abcdefg", "bacdefgh"];

  it("finds the first-added key that isNearDuplicate says matches, as a scan of every key would", () => {
    const index = new NearDuplicateIndex<string>();
    const added: string[] = [];
    for (const key of keys) {
      expect(index.first(key), key).toBe(added.find((earlier) => isNearDuplicate(earlier, key)));
      index.add(key, key);
      added.push(key);
    }
  });

  it("prefers the earliest match over a closer later one, and finds nothing in an empty index", () => {
    const index = new NearDuplicateIndex<number>();
    expect(index.first("idempotency")).toBeUndefined();
    index.add("idempotancy", 1);
    index.add("idempotency", 2);
    expect(index.first("idempotency")).toBe(1);
    expect(index.first("rate limit")).toBeUndefined();
  });
});
