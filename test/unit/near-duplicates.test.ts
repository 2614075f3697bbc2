import { describe, expect, it } from "vitest";
import { editDistance, isNearDuplicate } from "../../src/near-duplicates.ts";

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
