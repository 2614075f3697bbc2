import type { Token } from "markdown-it";

/** Text of inline tokens without markup: link and image text kept, code without its ticks, line breaks as spaces. */
export function plainText(tokens: readonly Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "text" || token.type === "code_inline" || token.type === "image") text += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") text += " ";
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Inline tokens written back as markdown: emphasis, code, links and images keep their markup; line breaks become spaces. */
export function inlineMarkdown(tokens: readonly Token[]): string {
  const openLinks: Token[] = [];
  let markdown = "";
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "html_inline":
        markdown += token.content;
        break;
      case "code_inline":
        markdown += `${token.markup}${token.content}${token.markup}`;
        break;
      case "softbreak":
      case "hardbreak":
        markdown += " ";
        break;
      case "image":
        markdown += `![${token.content}](${token.attrGet("src") ?? ""})`;
        break;
      case "link_open":
        openLinks.push(token);
        markdown += token.markup === "autolink" ? "<" : "[";
        break;
      case "link_close": {
        const open = openLinks.pop();
        markdown += open?.markup === "autolink" ? ">" : `](${open?.attrGet("href") ?? ""})`;
        break;
      }
      default:
        markdown += token.markup;
    }
  }
  return markdown;
}

/** Inline tokens cut at line breaks: one array per source line, in order. */
export function splitInlineLines(tokens: readonly Token[]): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === "softbreak" || token.type === "hardbreak") lines.push([]);
    else lines[lines.length - 1]!.push(token);
  }
  return lines;
}
