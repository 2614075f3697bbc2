import { singularize } from "./plural.ts";
import { isStopword } from "./stopwords.ts";

// Letters and digits, joined by inner hyphens, underscores, dots or apostrophes ("node.js", "api-key", "don't").
const WORD_PATTERN = /[\p{L}\p{N}]+(?:[-_.'’][\p{L}\p{N}]+)*/gu;

/** The words of a text in their original spelling, possessive "'s" removed. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    words.push(match[0].replace(/['’]s$/u, "").replace(/’/gu, "'"));
  }
  return words;
}

/** The lowercase words of a text. */
export function tokenize(text: string): string[] {
  return wordsOf(text).map((word) => word.toLowerCase());
}

/** True when a lowercase word can carry meaning: not a stopword, not a bare number, longer than one letter. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !isStopword(word) && /\p{L}/u.test(word);
}

/** The content words of a text, lowercase and folded to singular: the terms used for scoring and matching. */
export function contentTerms(text: string): string[] {
  return tokenize(text).filter(isContentWord).map(singularize);
}
