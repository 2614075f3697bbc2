import { stripInlineMarkdown } from "./markdown.ts";

/** One file-list item of an llms.txt section. */
export interface LlmsTxtLink {
  title: string;
  /** Absolute URL when a base was given, else as written. */
  url: string;
  description: string;
}

/** An llms.txt file in the reference shape `{title, summary, info, sections}`. */
export interface LlmsTxt {
  title: string | undefined;
  summary: string | undefined;
  /** Markdown between the summary and the first H2. */
  info: string | undefined;
  sections: Record<string, LlmsTxtLink[]>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LINK_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\[([^\]]+)\]\(\s*<?([^)>\s]+(?:\([^)\s]*\)[^)>\s]*)*)>?(?:\s+"[^"]*")?\s*\)\s*(?::\s*(.*))?$/;

/**
 * Parses a well-formed llms.txt (H1, blockquote, details, H2 sections of `- [name](url): notes`).
 * Lines inside fenced code are ignored; relative URLs are resolved against `baseUrl`.
 */
export function parseLlmsTxt(text: string, options: { baseUrl?: string } = {}): LlmsTxt {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const result: LlmsTxt = { title: undefined, summary: undefined, info: undefined, sections: {} };
  const summary: string[] = [];
  const info: string[] = [];
  let section: string | undefined;
  let inFence: string | undefined;
  let phase: "start" | "summary" | "info" | "sections" = "start";

  for (const line of lines) {
    const fence = FENCE.exec(line)?.[1];
    if (inFence) {
      if (fence && fence[0] === inFence[0] && fence.length >= inFence.length) inFence = undefined;
      if (phase === "info") info.push(line);
      continue;
    }
    if (fence) {
      inFence = fence;
      if (phase !== "sections") {
        phase = "info";
        info.push(line);
      }
      continue;
    }
    const h1 = /^#\s+(.*?)\s*#*\s*$/.exec(line);
    if (h1 && result.title === undefined && phase === "start") {
      result.title = stripInlineMarkdown(h1[1]!);
      phase = "summary";
      continue;
    }
    const h2 = /^##\s+(.*?)\s*#*\s*$/.exec(line);
    if (h2 && result.title !== undefined) {
      section = stripInlineMarkdown(h2[1]!);
      result.sections[section] ??= [];
      phase = "sections";
      continue;
    }
    if (phase === "summary") {
      const quote = /^\s*>\s?(.*)$/.exec(line);
      if (quote) {
        summary.push(quote[1]!);
        continue;
      }
      if (!line.trim() && summary.length === 0) continue;
      phase = "info";
    }
    if (phase === "info") info.push(line);
    if (phase === "sections" && section !== undefined) {
      const item = LINK_ITEM.exec(line);
      if (item) result.sections[section]!.push({ title: stripInlineMarkdown(item[1]!), url: resolveUrl(item[2]!, options.baseUrl), description: (item[3] ?? "").trim() });
    }
  }
  const joinedSummary = summary.join(" ").replace(/\s+/g, " ").trim();
  const joinedInfo = info.join("\n").trim();
  if (joinedSummary) result.summary = joinedSummary;
  if (joinedInfo) result.info = joinedInfo;
  return result;
}

function resolveUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}
