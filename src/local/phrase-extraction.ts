import { phraseKey } from "./phrase-match.ts";
import { isContentWord, wordsOf } from "./tokenize.ts";
import { IMPERATIVE_VERBS, isAdverb } from "./vocabulary.ts";

/** A phrase found in a text: its matching key, its words (as in the key) and its spelling there. */
export interface CandidatePhrase {
  key: string;
  words: string[];
  surface: string;
}

const MAX_PHRASE_WORDS = 3;

// Literal values in inline code (`false`, `null`) are settings, not terms.
const CODE_LITERALS: ReadonlySet<string> = new Set(["true", "false", "null", "undefined", "none", "nil", "nan", "yes", "no", "on", "off"]);

// Chunks end at punctuation that separates ideas; a period only when it ends a word.
const CHUNK_BREAK = /[,;:!?()[\]{}"“”‘’<>|=/\\]|\.(?=\s|$)|\s[-–—]\s|`/u;

/**
 * The 1–3 word phrases of a text that may be terms: runs of content words inside one clause (never across
 * punctuation or inline code), not starting with an instruction verb or a gerund, without adverbs or ids.
 */
export function candidatePhrases(text: string): CandidatePhrase[] {
  const phrases: CandidatePhrase[] = [];
  for (const chunk of text.split(CHUNK_BREAK)) {
    const surfaces = wordsOf(chunk);
    const lower = surfaces.map((word) => word.toLowerCase());
    for (let start = 0; start < lower.length; start++) {
      for (let length = 1; length <= MAX_PHRASE_WORDS && start + length <= lower.length; length++) {
        const words = lower.slice(start, start + length);
        if (!words.every(isPhraseWord)) break;
        if (length > 1 && !canStartPhrase(words[0] ?? "")) break;
        const key = phraseKey(words);
        phrases.push({ key, words: key.split(" "), surface: surfaces.slice(start, start + length).join(" ") });
      }
    }
  }
  return phrases;
}

function isPhraseWord(word: string): boolean {
  // Long words mixing letters and digits are ids and hashes ("evt_2Z8kQm4TfY1a"), not terms.
  return isContentWord(word) && !isAdverb(word) && word.length <= 40 && !(word.length >= 8 && /\d/u.test(word) && /\p{L}/u.test(word));
}

function canStartPhrase(word: string): boolean {
  return !IMPERATIVE_VERBS.has(word) && !(word.length > 5 && word.endsWith("ing"));
}

/** The identifier an inline code span names (`verifySignature(options)` → "verifySignature"), else "". */
export function codeIdentifier(code: string): string {
  if (CODE_LITERALS.has(code.toLowerCase())) return "";
  const name = code.replace(/\([^()]*\)$/u, "").replace(/[;.]+$/u, "");
  const words = wordsOf(name);
  const word = words[0] ?? "";
  return words.length === 1 && word.length >= name.length - 1 ? word : "";
}
