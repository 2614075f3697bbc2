import { singularize as singularizeWord } from "./local/plural.ts";

// Acronym plurals the general rules keep as they are ("apis" ends like "basis").
const ACRONYM_PLURALS: Record<string, string> = { apis: "api", sdks: "sdk", urls: "url", ids: "id", clis: "cli", uis: "ui" };

/** Singular form of one lower-case English word (good enough for topic names). */
export function singularize(word: string): string {
  return ACRONYM_PLURALS[word] ?? singularizeWord(word);
}

/** The key under which topic names merge: lower case, punctuation dropped, each word singular. */
export function topicKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/-/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map(singularize)
    .join(" ");
}

/** Title Case of a topic key, for display. */
export function topicTitle(key: string): string {
  // \b is ASCII-only even with /u, so find word starts by hand: "café menu" → "Café Menu".
  return key.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}
