/** Verbs that open an instruction ("Install the SDK.", "Call `verify`."). */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set([
  "add", "apply", "attach", "build", "call", "change", "check", "choose", "click", "clone", "configure", "connect",
  "copy", "create", "deduplicate", "define", "delete", "deploy", "download", "edit", "enable", "enter", "export",
  "fetch", "follow", "generate", "go", "grant", "handle", "implement", "import", "include", "initialise",
  "initialize", "install", "keep", "launch", "listen", "load", "log", "make", "navigate", "open", "pass", "paste",
  "point", "provide", "put", "register", "remove", "replace", "request", "restart", "retrieve", "return",
  "rotate", "run", "save", "select", "send", "set", "sign", "specify", "start", "stop", "store", "subscribe",
  "test", "tune", "type", "update", "upgrade", "use", "verify", "wait", "wrap", "write",
]);

/** Words a documentation page uses for itself; never a topic on their own. */
export const GENERIC_TOPIC_WORDS: ReadonlySet<string> = new Set([
  "appendix", "article", "basic", "chapter", "concept", "content", "default", "detail", "doc", "documentation", "example",
  "faq", "general", "getting", "guide", "home", "index", "info", "information", "intro", "introduction", "learn",
  "miscellaneous", "more", "note", "overview", "page", "part", "quickstart", "readme", "reference", "section",
  "related", "see", "started", "step", "summary", "table", "tutorial", "using", "welcome",
  // Changelog headings (Keep a Changelog) name kinds of change, not topics.
  "added", "changed", "deprecated", "fixed", "removed", "unreleased",
]);

/** Words ending in "ly" that are nouns, verbs or adjectives that fit in a term ("reply", "monthly plan"). */
const LY_WORDS_IN_TERMS: ReadonlySet<string> = new Set([
  "ally", "anomaly", "apply", "assembly", "butterfly", "daily", "family", "hourly", "italy", "monthly", "monopoly",
  "multiply", "poly", "quarterly", "rally", "reply", "supply", "weekly", "yearly",
]);

/** True for an adverb ending in "-ly" ("exactly", "locally"): it never belongs in a term. */
export function isAdverb(word: string): boolean {
  return word.length >= 5 && word.endsWith("ly") && !LY_WORDS_IN_TERMS.has(word);
}

/** True for a gerund or past participle ("verifying", "retried"): alone, it names an action, not a thing. */
export function isVerbForm(word: string): boolean {
  return (word.length > 5 && word.endsWith("ing")) || (word.length > 5 && word.endsWith("ed") && !word.endsWith("eed"));
}

// Sentence openers that come before the verb of an instruction ("Then, run…", "Next call…").
const LEAD_IN = /^(?:then|next|first|second|third|finally|now|optionally|also|afterwards|lastly)\b,?\s+/iu;

/**
 * True when a sentence reads as an instruction: it starts with an imperative verb, possibly after a lead-in
 * ("Then", "Next") or a purpose clause ("To rotate a secret, call…").
 */
export function isImperativeSentence(sentence: string): boolean {
  let text = sentence.trim().replace(LEAD_IN, "");
  const purpose = /^to\s[^,]{1,80},\s*(.*)$/iu.exec(text);
  if (purpose !== null) text = purpose[1] ?? "";
  const firstWord = /^[A-Za-z]+/u.exec(text)?.[0].toLowerCase() ?? "";
  return IMPERATIVE_VERBS.has(firstWord);
}
