import { stripInlineMarkdown } from "./inline-markdown.ts";
import { parseMarkdownBlocks } from "./markdown-blocks.ts";

/**
 * The prose of a markdown text: paragraphs, quotes and list items with inline markup reduced, one per
 * paragraph (separated by blank lines). Code, tables, headings and HTML blocks are dropped.
 */
export function markdownToProse(markdown: string): string {
  const paragraphs: string[] = [];
  for (const block of parseMarkdownBlocks(markdown)) {
    if (block.kind !== "paragraph" && block.kind !== "quote" && block.kind !== "list-item") continue;
    const text = stripInlineMarkdown(block.text);
    if (text !== "") paragraphs.push(text);
  }
  return paragraphs.join("\n\n");
}
