const IRREGULAR: Record<string, string> = { indices: "index", indexes: "index", analyses: "analysis", children: "child", people: "person", data: "data", schemas: "schema", statuses: "status", aliases: "alias", apis: "api", sdks: "sdk", cookies: "cookie", movies: "movie", caches: "cache", niches: "niche", headaches: "headache" };
const KEEP = new Set(["status", "alias", "analysis", "basis", "https", "kubernetes", "redis", "series", "news", "access", "process", "class", "address", "business", "success", "express", "progress", "canvas", "atlas", "dns", "aws", "gas", "bus"]);

/** Singular form of one lower-case English word (good enough for topic names). */
export function singularize(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word]!;
  if (KEEP.has(word) || word.length <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|zes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
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
