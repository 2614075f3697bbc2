/** What a file-list link points to, judged by the name of the file it links. */
export type LlmsTxtLinkKind = "document" | "llms-txt" | "llms-full-txt";

/** How far a file follows the llms.txt format: 0 unusable, 1 no H1, 2 H1 only, 3 H1 and summary, 4 with links. */
export type LlmsTxtConformance = 0 | 1 | 2 | 3 | 4;

/** How much a diagnostic matters: errors break the format, warnings bend it, info only informs. */
export type LlmsTxtSeverity = "error" | "warning" | "info";

/** The closed set of problems the parser reports. */
export type LlmsTxtDiagnosticCode =
  | "empty-file"
  | "binary-input"
  | "html-input"
  | "missing-h1"
  | "empty-title"
  | "h1-not-first"
  | "multiple-h1"
  | "missing-summary"
  | "empty-summary"
  | "heading-in-details"
  | "subheading-in-section"
  | "duplicate-section"
  | "empty-section"
  | "item-without-link"
  | "link-outside-list"
  | "prose-in-section"
  | "relative-link"
  | "invalid-base-url"
  | "invalid-url"
  | "unsupported-scheme"
  | "duplicate-link";

/** One thing the parser found wrong, or worth saying, about a file. */
export interface LlmsTxtDiagnostic {
  code: LlmsTxtDiagnosticCode;
  severity: LlmsTxtSeverity;
  /** 1-based line the diagnostic is about (1 for whole-file diagnostics). */
  line: number;
  message: string;
}

/** One file-list item: the reference `{title, url, desc}` plus where it is and what it points to. */
export interface LlmsTxtLink {
  /** Link text, without markup. */
  title: string;
  /** Absolute URL when a base URL was given (fragment kept), else as written. */
  url: string;
  /** Notes after the link and its `:`, as markdown; absent when there are none. */
  desc?: string;
  kind: LlmsTxtLinkKind;
  /** 1-based line of the item. */
  line: number;
}

/** One H2 section, duplicates merged into the first. */
export interface LlmsTxtSection {
  name: string;
  /** 1-based line of the section's (first) heading. */
  line: number;
  /** True for the `## Optional` section: secondary links, by convention since v2. */
  optional: boolean;
  links: LlmsTxtLink[];
}

/** A parsed llms.txt: the reference shape `{title, summary, info, sections}` plus positions, diagnostics and conformance. */
export interface LlmsTxt {
  /** Text of the H1. */
  title: string | undefined;
  /** The blockquote right after the H1, its lines joined with spaces. */
  summary: string | undefined;
  /** Markdown between the summary (or the H1) and the first section. */
  info: string | undefined;
  /** Links by section name, in file order. */
  sections: Record<string, LlmsTxtLink[]>;
  /** 1-based line of the H1. */
  titleLine?: number;
  /** 1-based line where the summary blockquote starts. */
  summaryLine?: number;
  /** The sections in file order, with their lines. */
  orderedSections: LlmsTxtSection[];
  /** Problems found, by line. */
  diagnostics: LlmsTxtDiagnostic[];
  conformance: LlmsTxtConformance;
}

/** Options of parseLlmsTxt. */
export interface ParseLlmsTxtOptions {
  /** URL of the llms.txt itself; relative links are resolved against it. */
  baseUrl?: string;
}
