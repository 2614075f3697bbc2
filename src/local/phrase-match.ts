import { singularize } from "./plural.ts";
import { tokenize } from "./tokenize.ts";

/** The matching key of a phrase: its lowercase words joined by spaces, the last folded to singular. */
export function phraseKey(words: readonly string[]): string {
  const lower = words.map((word) => word.toLowerCase());
  const last = lower.at(-1);
  if (last === undefined) return "";
  return [...lower.slice(0, -1), singularize(last)].join(" ");
}

/** How often a phrase key occurs in a list of lowercase words. */
export function countPhrase(words: readonly string[], key: string): number {
  const keyWords = key.split(" ");
  const length = keyWords.length;
  const last = keyWords[length - 1] ?? "";
  let count = 0;
  for (let start = 0; start + length <= words.length; start++) {
    let matches = true;
    for (let offset = 0; offset < length - 1 && matches; offset++) matches = words[start + offset] === keyWords[offset];
    const candidate = words[start + length - 1] ?? "";
    if (matches && (candidate === last || singularize(candidate) === last)) count++;
  }
  return count;
}

/** True when the text holds the phrase of the key, ignoring case and a plural last word. */
export function containsPhrase(text: string, key: string): boolean {
  return key !== "" && countPhrase(tokenize(text), key) > 0;
}

/** True when one key's words appear, in order and adjacent, inside the other's ("webhook" in "webhook signing"). */
export function phrasesOverlap(first: string, second: string): boolean {
  return ` ${first} `.includes(` ${second} `) || ` ${second} `.includes(` ${first} `);
}
