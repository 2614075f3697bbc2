import { describe, expect, it } from "vitest";
import { singularize, topicKey, topicTitle } from "../../src/topic-names.ts";

describe("singularize", () => {
  it.each([
    ["retries", "retry"],
    ["webhooks", "webhook"],
    ["boxes", "box"],
    ["branches", "branch"],
    ["classes", "class"],
    ["addresses", "address"],
    ["indices", "index"],
    ["statuses", "status"],
    ["status", "status"],
    ["analysis", "analysis"],
    ["kubernetes", "kubernetes"],
    ["gas", "gas"],
    ["retry", "retry"],
  ])("%s → %s", (word, singular) => {
    expect(singularize(word)).toBe(singular);
  });

  it("apis → api", () => {
    expect(singularize("apis")).toBe("api");
  });

  it("caches → cache", () => {
    expect(singularize("caches")).toBe("cache");
  });

  it("cookies → cookie", () => {
    expect(singularize("cookies")).toBe("cookie");
  });
});

describe("topicKey", () => {
  it("merges case and plural forms", () => {
    expect(topicKey("Retries")).toBe("retry");
    expect(topicKey("retry")).toBe("retry");
  });

  it("drops punctuation, splits hyphens and collapses whitespace", () => {
    expect(topicKey("  Rate-Limits! & API   Keys ")).toBe("rate limit api key");
  });

  it("returns an empty key for a name of punctuation only", () => {
    expect(topicKey("!!! ---")).toBe("");
  });

  it("merges API and APIs", () => {
    expect(topicKey("APIs")).toBe("api");
  });
});

describe("topicTitle", () => {
  it("capitalises each word", () => {
    expect(topicTitle("rate limit api key")).toBe("Rate Limit Api Key");
  });

  it("capitalises only the first letter of a word with accented letters", () => {
    expect(topicTitle("café menu")).toBe("Café Menu");
  });
});
