/** Abbreviations after which a period does not end the sentence. */
const NON_TERMINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "incl", "mr", "mrs", "ms", "dr", "prof", "st",
  "fig", "al", "resp", "esp", "ca", "viz", "ver", "vol", "sec", "min", "max", "ref", "ch", "pp",
]);

// What may start a new sentence: a capital, a digit, a quote, inline code, a bracket or emphasis.
const SENTENCE_START = /[\p{Lu}\p{N}"'“‘`([*_]/u;

// What may trail a terminator and still belong to the sentence: more terminators, closing quotes or brackets.
const TERMINATOR_TAIL = /[.!?"'”’)\]*_]/u;

/**
 * Splits prose into sentences. Blank lines always end a sentence; a period after an abbreviation ("e.g.",
 * "i.e.", "vs.", initials), inside a version or number ("v1.2") or inside inline code does not.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/u)) {
    const flat = paragraph.replace(/\s+/gu, " ").trim();
    if (flat !== "") sentences.push(...splitParagraph(flat));
  }
  return sentences;
}

// A colon after these words ends a lead-in that needs what follows ("The delay is:"), so it stays.
const OPEN_ENDINGS = /\b(?:is|are|was|be|as|like|looks|to|the|a|an|of|with|follows|following|below|include|includes|contains|these|this|use|uses|run|add|call|set|write|returns|shows|reads)\s*:$/iu;

/**
 * Makes a sentence stand on its own: a lead-in ending with a colon ("Install the SDK:") ends with a period
 * instead, unless the colon follows a word that needs what came after it ("The delay is:").
 */
export function closeSentence(sentence: string): string {
  const trimmed = sentence.trim();
  return trimmed.endsWith(":") && !OPEN_ENDINGS.test(trimmed) ? `${trimmed.slice(0, -1)}.` : trimmed;
}

function splitParagraph(text: string): string[] {
  const sentences: string[] = [];
  // An unbalanced backtick would otherwise swallow the rest of the paragraph as code.
  const tracksCode = (text.match(/`/gu)?.length ?? 0) % 2 === 0;
  let start = 0;
  let inCode = false;
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index);
    if (character === "`" && tracksCode) {
      inCode = !inCode;
      continue;
    }
    if (inCode || !".!?".includes(character)) continue;
    let end = index + 1;
    while (end < text.length && TERMINATOR_TAIL.test(text.charAt(end))) end++;
    if (text.charAt(end) !== " " || !SENTENCE_START.test(text.charAt(end + 1))) continue;
    if (character === "." && endsWithAbbreviation(text, index)) continue;
    sentences.push(text.slice(start, end).trim());
    start = end + 1;
    index = end;
  }
  const rest = text.slice(start).trim();
  if (rest !== "") sentences.push(rest);
  return sentences;
}

function endsWithAbbreviation(text: string, periodIndex: number): boolean {
  let wordStart = periodIndex;
  while (wordStart > 0 && !/[\s(["“]/u.test(text.charAt(wordStart - 1))) wordStart--;
  const word = text.slice(wordStart, periodIndex);
  if (NON_TERMINAL_ABBREVIATIONS.has(word.toLowerCase())) return true;
  // Dotted abbreviations ("U.S", "e.g") and single initials ("J. Smith").
  return /^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word);
}
