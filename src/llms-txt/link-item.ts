import type { Token } from "markdown-it";
import { inlineMarkdown, plainText } from "./inline.ts";

/** A file-list item as written: link text, destination and the notes after the link. */
export interface LinkItem {
  title: string;
  href: string;
  desc: string | undefined;
}

/** Options of readLinkItem. */
export interface ReadLinkItemOptions {
  /** Inline tokens of the item (one line of a paragraph, or a list item's first paragraph). */
  tokens: readonly Token[];
  /** Only accept a link that opens the line (emphasis around it allowed), as for lines outside a list. */
  leadingOnly: boolean;
}

const EMPHASIS_CLOSE: Record<string, string> = { em_close: "em_open", strong_close: "strong_open", s_close: "s_open" };
// The spec's separator is ":"; dashes are what many real files use instead.
const SEPARATOR = /^(?::\s*|[-–—]\s+)/;

/** Reads the first link of an item and the notes after it, or undefined when the item holds no (leading) link. */
export function readLinkItem(options: ReadLinkItemOptions): LinkItem | undefined {
  const { tokens } = options;
  const openBefore: string[] = [];
  let start = -1;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.type === "link_open") {
      start = index;
      break;
    }
    if (token.type.endsWith("_open")) openBefore.push(token.type);
    else if (EMPHASIS_CLOSE[token.type]) openBefore.pop();
    else if (options.leadingOnly && !(token.type === "text" && !token.content.trim())) return undefined;
  }
  if (start < 0) return undefined;
  const end = closingLinkIndex(tokens, start);
  const title = plainText(tokens.slice(start + 1, end));
  const after = withoutOuterCloses(tokens.slice(end + 1), openBefore);
  const desc = inlineMarkdown(after).trim().replace(SEPARATOR, "").trim();
  return { title, href: String(tokens[start]!.attrGet("href") ?? ""), desc: desc || undefined };
}

function closingLinkIndex(tokens: readonly Token[], start: number): number {
  for (let index = start + 1; index < tokens.length; index += 1) if (tokens[index]!.type === "link_close") return index;
  // A link cut by a line break ends with its line.
  return tokens.length;
}

// `**[Name](url):** notes` closes, after the link, emphasis opened before it; that markup belongs to the link, not the notes.
function withoutOuterCloses(tokens: readonly Token[], openBefore: string[]): Token[] {
  const pending = [...openBefore];
  const openAfter: string[] = [];
  const kept: Token[] = [];
  for (const token of tokens) {
    const opener = EMPHASIS_CLOSE[token.type];
    if (opener && openAfter.length === 0 && pending.at(-1) === opener) {
      pending.pop();
      continue;
    }
    if (token.type.endsWith("_open")) openAfter.push(token.type);
    else if (opener) openAfter.pop();
    kept.push(token);
  }
  return kept;
}
