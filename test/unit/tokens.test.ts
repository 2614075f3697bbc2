import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { countTokens } from "../../src/tokens.ts";

const reference = new Tiktoken(o200kBase);
const examples = join(import.meta.dirname, "../../examples");

// Deterministic strings from fragments that stress the piece pattern: whitespace runs, line ends, contractions, digits,
// marks, emoji, scripts without spaces, and special-token text (counted as plain text, as encode(text, [], []) does).
function strangeStrings(count: number): string[] {
  const fragments = [" ", "  ", "\n", "\r\n", "\n\n ", "\t", "a", "Z", "é", "ß", "日本語", "😀", "👩‍💻", "123", "4567", "'s", "'LL", "<|endoftext|>", "<|endofprompt|>", "-", "//", "\u00a0", "x̃", "\u200b", ".", "...", "```ts", "=>"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 40) }, () => fragments[Math.floor(next() * fragments.length)]).join(""));
}

// Long runs without spaces, so most pieces are no single token and take many byte-pair merges.
function unspacedRuns(count: number): string[] {
  const alphabet = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_éüñçøßкотдом日本語中文한국어😀🚀"];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 5 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}

describe("countTokens", () => {
  it("counts exactly what js-tiktoken's o200k encoder counts, on docs, code and strange text, twice over", () => {
    const corpus = generateCorpus({ documents: 30 });
    const texts = [
      ...corpus.documentPaths.map((path) => corpus.files.get(path)!.body),
      ...(readdirSync(examples, { recursive: true }) as string[]).filter((file) => /\.(md|txt|html)$/.test(file)).map((file) => readFileSync(join(examples, file), "utf8")),
      readFileSync(new URL(import.meta.url), "utf8"),
      ...strangeStrings(2000),
      ...unspacedRuns(2000),
      "",
    ];
    expect(texts.length).toBeGreaterThan(4030);
    // The second pass is served from remembered pieces.
    for (const pass of [1, 2]) {
      const mismatches = texts.filter((text) => countTokens(text) !== reference.encode(text, [], []).length);
      expect({ pass, mismatches }).toEqual({ pass, mismatches: [] });
    }
  });

  it("counts a piece the same wherever it stands in the text", () => {
    expect(countTokens("hello")).toBe(1);
    expect(countTokens("hello hello hello")).toBe(reference.encode("hello hello hello", [], []).length);
    expect(countTokens("   hello")).toBe(reference.encode("   hello", [], []).length);
    expect(countTokens("<|endoftext|>")).toBe(reference.encode("<|endoftext|>", [], []).length);
  });
});
