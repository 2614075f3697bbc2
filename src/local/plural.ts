/** Plurals that simple suffix rules get wrong. */
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ["aliases", "alias"], ["statuses", "status"], ["analyses", "analysis"], ["indices", "index"],
  ["vertices", "vertex"], ["matrices", "matrix"], ["children", "child"], ["people", "person"],
  ["caches", "cache"], ["niches", "niche"], ["cookies", "cookie"], ["movies", "movie"],
  ["buses", "bus"], ["viruses", "virus"], ["bonuses", "bonus"], ["responses", "response"],
  ["databases", "database"], ["leaves", "leaf"], ["lives", "life"], ["halves", "half"],
  ["heroes", "hero"], ["potatoes", "potato"], ["echoes", "echo"], ["criteria", "criterion"],
]);

/** Words ending in "s" that are not plurals, or whose plural reads better kept. */
const NOT_PLURAL: ReadonlySet<string> = new Set([
  "always", "analytics", "atlas", "aws", "axios", "bias", "canvas", "chaos", "cors", "does", "dns", "express",
  "gas", "goes", "has", "https", "ios", "its", "jenkins", "kubernetes", "kudos", "lens", "macos", "means",
  "news", "perhaps", "plus", "postgres", "series", "sms", "species", "this", "thus", "towards", "was",
  "whereas", "windows", "yes", "across", "afterwards", "various", "previous", "nodejs", "sass", "tls", "ssl",
]);

/**
 * Folds a simple English plural to its singular ("retries" → "retry", "endpoints" → "endpoint",
 * "classes" → "class"); other words come back unchanged. Expects a lowercase word.
 */
export function singularize(word: string): string {
  const irregular = IRREGULAR_PLURALS.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 2 || NOT_PLURAL.has(word) || !word.endsWith("s")) return word;
  if (!/^[a-z][a-z-]*s$/.test(word)) return word;
  if (/(ss|us|is|'s)$/.test(word)) return word;
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|zzes|ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}
