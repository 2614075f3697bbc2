import { singularize } from "./plural.ts";

/**
 * A light stem for matching related word forms: "signing", "signed", "signature" → "sign"; "verifying",
 * "verified", "verification" → "verify"; "configuration", "configured" → "configur". Coarser than a Porter stemmer on purpose:
 * it only has to make the forms of a topic word meet. Expects a lowercase word.
 */
export function stem(word: string): string {
  let result = singularize(word);
  if (result.endsWith("ification")) return `${result.slice(0, -"ification".length)}ify`;
  if (result.endsWith("ying")) return `${result.slice(0, -4)}y`;
  if (result.endsWith("ied") && result.length > 4) return `${result.slice(0, -3)}y`;
  result = stripSuffix(result, "ature") ?? stripSuffix(result, "ation") ?? stripSuffix(result, "ing") ?? stripSuffix(result, "ed") ?? result;
  if (result.endsWith("e") && result.length > 3) result = result.slice(0, -1);
  // "mapping" → "mapp" → "map"; "install" keeps its double l.
  if (/([b-df-hj-kmnp-rtv-z])\1$/u.test(result) && !/(ll|ss|zz)$/u.test(result)) result = result.slice(0, -1);
  return result;
}

function stripSuffix(word: string, suffix: string): string | undefined {
  return word.endsWith(suffix) && word.length - suffix.length >= 3 ? word.slice(0, -suffix.length) : undefined;
}
