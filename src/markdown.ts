import type { CodeBlock, DocumentSection } from "./types.ts";
import { createAnchorSlugger } from "./slug.ts";

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** The parts of a markdown document that extract keeps. */
export interface ParsedMarkdown {
  /** Text of the first H1, when there is one. */
  title: string | undefined;
  sections: DocumentSection[];
  codeBlocks: CodeBlock[];
  /** Link destinations as written (relative ones unresolved), in order, without duplicates. */
  links: string[];
}

/** Removes a leading YAML front matter block. */
export function stripFrontMatter(markdown: string): { body: string; frontMatter: Record<string, string> } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  if (!match) return { body: markdown, frontMatter: {} };
  const frontMatter: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (pair) frontMatter[pair[1]!] = pair[2]!.trim().replace(/^(['"])(.*)\1$/, "$2");
  }
  return { body: markdown.slice(match[0].length), frontMatter };
}

/** Splits markdown at ATX headings (never inside fenced code) and collects code blocks and links. */
export function parseMarkdown(markdown: string): ParsedMarkdown {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const slug = createAnchorSlugger();
  const sections: DocumentSection[] = [];
  const codeBlocks: CodeBlock[] = [];
  let title: string | undefined;
  let current: DocumentSection = { heading: "", level: 0, anchor: "", markdown: "" };
  let body: string[] = [];
  let fence: { marker: string; language: string; code: string[] } | undefined;

  const closeSection = () => {
    current.markdown = body.join("\n").trim();
    if (current.level > 0 || current.markdown) sections.push(current);
    body = [];
  };

  for (const line of lines) {
    if (fence) {
      body.push(line);
      const closing = line.trim();
      if (closing.startsWith(fence.marker[0]!.repeat(fence.marker.length)) && /^(`+|~+)$/.test(closing)) {
        codeBlocks.push({ language: fence.language, code: fence.code.join("\n"), anchor: current.anchor });
        fence = undefined;
      } else fence.code.push(line);
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { marker: open[1]!, language: (open[2] ?? "").toLowerCase(), code: [] };
      body.push(line);
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      closeSection();
      const text = (heading[2] ?? "").trim();
      const level = heading[1]!.length;
      if (level === 1 && title === undefined && text) title = stripInlineMarkdown(text);
      current = { heading: stripInlineMarkdown(text), level, anchor: slug(stripInlineMarkdown(text)), markdown: "" };
      continue;
    }
    body.push(line);
  }
  // An unclosed fence runs to the end of the document, as CommonMark says.
  if (fence) codeBlocks.push({ language: fence.language, code: fence.code.join("\n"), anchor: current.anchor });
  closeSection();
  return { title, sections, codeBlocks, links: findLinks(markdown) };
}

/** Link destinations of inline links, outside fenced code. */
export function findLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[`~]*[ \t]*$/gm, "").replace(/`[^`\n]*`/g, "");
  const links = new Set<string>();
  for (const match of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.add(match[1]!);
  return [...links];
}

/** Heading or link text without emphasis, code ticks and link syntax. */
export function stripInlineMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
