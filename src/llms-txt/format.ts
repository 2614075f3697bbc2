import type { LlmsTxt, LlmsTxtConformance, LlmsTxtDiagnostic, LlmsTxtLink, LlmsTxtSection } from "./types.ts";

/** Options of formatLlmsTxtReport. */
export interface FormatLlmsTxtReportOptions {
  parsed: LlmsTxt;
  /** Where the file came from, for the first line. */
  source: string;
  /** Most diagnostics shown per code before the rest are counted (default 10). */
  maxPerCode?: number;
}

/** What each conformance level means, in words. */
export const CONFORMANCE_LABELS: Readonly<Record<LlmsTxtConformance, string>> = {
  0: "not an llms.txt (empty, binary or HTML)",
  1: "markdown without an H1 title",
  2: "H1 title only",
  3: "H1 title and summary",
  4: "H1 title and link sections",
};

/** The `document-it parse` report: what the file holds, line by line, then what is wrong with it. */
export function formatLlmsTxtReport(options: FormatLlmsTxtReportOptions): string {
  const { parsed } = options;
  const lines = [`${options.source}: conformance ${parsed.conformance} of 4, ${CONFORMANCE_LABELS[parsed.conformance]}`, ""];
  lines.push(`Title    ${present(parsed.title, parsed.titleLine)}`);
  lines.push(`Summary  ${present(parsed.summary, parsed.summaryLine)}`);
  lines.push(`Details  ${parsed.info ? plural(parsed.info.split("\n").length, "line") : "(none)"}`);
  const linkCount = parsed.orderedSections.reduce((total, section) => total + section.links.length, 0);
  lines.push("", `Sections (${parsed.orderedSections.length}, ${plural(linkCount, "link")})`);
  for (const section of parsed.orderedSections) lines.push(...formatSection(section));
  lines.push("", ...formatDiagnostics(parsed.diagnostics, options.maxPerCode ?? 10));
  return lines.join("\n");
}

function formatSection(section: LlmsTxtSection): string[] {
  const note = section.optional ? ", optional: secondary links" : "";
  const width = Math.max(0, ...section.links.map((link) => String(link.line).length));
  return [`  ${section.name || "(unnamed)"} (line ${section.line}${note})`, ...section.links.map((link) => `    ${String(link.line).padStart(width)}  ${formatLink(link)}`)];
}

// Written back as a file-list item, which is what a reader of an llms.txt recognises at once.
function formatLink(link: LlmsTxtLink): string {
  const kind = link.kind === "document" ? "" : ` (${link.kind})`;
  return `[${link.title}](${link.url})${link.desc ? `: ${link.desc}` : ""}${kind}`;
}

function formatDiagnostics(diagnostics: LlmsTxtDiagnostic[], maxPerCode: number): string[] {
  const count = (severity: string) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const lines = [`Diagnostics: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info`];
  const shown = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    const seen = (shown.get(diagnostic.code) ?? 0) + 1;
    shown.set(diagnostic.code, seen);
    if (seen <= maxPerCode) lines.push(`  line ${String(diagnostic.line).padEnd(6)} ${diagnostic.severity.padEnd(8)} ${diagnostic.code.padEnd(22)} ${diagnostic.message}`);
  }
  // Hidden diagnostics are counted, so a file with thousands of relative links still reads in one screen.
  for (const [code, seen] of shown) if (seen > maxPerCode) lines.push(`  … and ${seen - maxPerCode} more ${code}`);
  return lines;
}

/** The `document-it parse --json` output: the parsed file with its source, absent parts as null so every key is there. */
export function formatLlmsTxtJson(options: { parsed: LlmsTxt; source: string }): string {
  const { parsed } = options;
  return JSON.stringify({ source: options.source, ...parsed, title: parsed.title ?? null, summary: parsed.summary ?? null, info: parsed.info ?? null }, null, 2);
}

// A part written without text (`#` or `>` alone) is "(empty)", one not written at all "(none)".
function present(text: string | undefined, line: number | undefined): string {
  if (line === undefined) return "(none)";
  return `${text ?? "(empty)"} (line ${line})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
