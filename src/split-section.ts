/** Cuts the body of one oversized section into pieces within a token budget: by paragraphs, then lines, then tokens. */
import { packByTokens } from "./pack-tokens.ts";
import { countTokens } from "./tokens.ts";

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Options of splitSectionBody. */
export interface SplitSectionBodyOptions {
  /** The section's markdown, heading line excluded. */
  markdown: string;
  /** Most tokens of one piece (at least 1). */
  budgetTokens: number;
}

/**
 * Splits a section body at blank lines (never inside fenced code) and packs the paragraphs into pieces of at
 * most `budgetTokens`, in order. A paragraph still too big is cut by lines (a fenced block is closed and
 * reopened around each cut, so every piece stays valid markdown), and a line still too big by tokens.
 */
export function splitSectionBody(options: SplitSectionBodyOptions): string[] {
  const budget = Math.max(1, options.budgetTokens);
  const units = paragraphsOf(options.markdown).flatMap((paragraph) => (countTokens(paragraph) <= budget ? [paragraph] : cutParagraph(paragraph, budget)));
  return packTexts(units, budget, "\n\n");
}

/** Packs texts in order, joined by `separator`, into pieces of at most `budget` tokens (each text must fit alone). */
function packTexts(texts: readonly string[], budget: number, separator: string): string[] {
  return packByTokens({ items: texts, textOf: (text) => text, budgetTokens: budget, separator }).map((group) => group.join(separator));
}

/** Paragraphs separated by blank lines; a fenced code block, blank lines and all, stays inside one paragraph. */
function paragraphsOf(markdown: string): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let fence: string | undefined;
  const close = () => {
    if (lines.some((line) => line.trim() !== "")) paragraphs.push(lines.join("\n").trim());
    lines = [];
  };
  for (const line of markdown.split("\n")) {
    if (fence) {
      lines.push(line);
      if (line.trim().startsWith(fence) && /^(`+|~+)$/.test(line.trim())) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) fence = open[1]!;
    if (!open && line.trim() === "") close();
    else lines.push(line);
  }
  close();
  return paragraphs;
}

/** A paragraph over the budget, cut by lines; a fenced block's cuts each get the fence's opening and closing lines. */
function cutParagraph(paragraph: string, budget: number): string[] {
  const lines = paragraph.split("\n");
  const open = FENCE_OPEN.exec(lines[0]!);
  const closing = open ? lines.at(-1)!.trim() : "";
  const fenced = open !== null && lines.length > 1 && closing.startsWith(open[1]!) && /^(`+|~+)$/.test(closing);
  if (!fenced) return packTexts(lines.flatMap((line) => cutLine(line, budget)), budget, "\n");
  const opener = lines[0]!;
  const closer = lines.at(-1)!;
  const room = Math.max(1, budget - countTokens(`${opener}\n\n${closer}`));
  return packTexts(lines.slice(1, -1).flatMap((line) => cutLine(line, room)), room, "\n").map((code) => `${opener}\n${code}\n${closer}`);
}

/** A line within the budget as is, else cut into the longest prefixes that fit. */
function cutLine(line: string, budget: number): string[] {
  const cuts: string[] = [];
  let rest = line;
  while (countTokens(rest) > budget) {
    // The longest prefix within the budget, by bisection on characters (at least one character, so it ends).
    let low = 1;
    let high = rest.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (countTokens(rest.slice(0, middle)) <= budget) low = middle;
      else high = middle - 1;
    }
    cuts.push(rest.slice(0, low));
    rest = rest.slice(low);
  }
  if (rest !== "" || cuts.length === 0) cuts.push(rest);
  return cuts;
}
