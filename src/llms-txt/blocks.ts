import type { Token } from "markdown-it";

/** One top-level block of a markdown-it token stream: tokens `[start, end)` and its 0-based source lines `[firstLine, endLine)`. */
export interface TopLevelBlock {
  start: number;
  end: number;
  /** The block's first token: `heading_open`, `paragraph_open`, `bullet_list_open`, `fence`… */
  first: Token;
  firstLine: number;
  endLine: number;
}

/** The top-level blocks of a token stream, in order; one linear pass, so its cost grows with the file, never faster. */
export function* topLevelBlocks(tokens: readonly Token[]): Generator<TopLevelBlock> {
  let index = 0;
  while (index < tokens.length) {
    const first = tokens[index]!;
    let end = index + 1;
    // An opening token's block runs to the next token back at level 0, its closing token.
    if (first.nesting === 1) {
      while (end < tokens.length && tokens[end]!.level !== first.level) end += 1;
      end += 1;
    }
    const [firstLine, endLine] = first.map ?? [0, 0];
    yield { start: index, end: Math.min(end, tokens.length), first, firstLine, endLine };
    index = end;
  }
}

/** Heading level of a `heading_open` token (1 for `h1`), 0 for any other token. */
export function headingLevel(token: Token): number {
  return token.type === "heading_open" ? Number(token.tag.slice(1)) : 0;
}
