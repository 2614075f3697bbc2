/** The llms.txt (llmstxt.org v2) parser and linter. */
export { parseLlmsTxt } from "./parse.ts";
export { DIAGNOSTIC_SEVERITY } from "./diagnostics.ts";
export type {
  LlmsTxt,
  LlmsTxtConformance,
  LlmsTxtDiagnostic,
  LlmsTxtDiagnosticCode,
  LlmsTxtLink,
  LlmsTxtLinkKind,
  LlmsTxtSection,
  LlmsTxtSeverity,
  ParseLlmsTxtOptions,
} from "./types.ts";
export { CONFORMANCE_LABELS, formatLlmsTxtJson, formatLlmsTxtReport, type FormatLlmsTxtReportOptions } from "./format.ts";
export { readLlmsTxtSource, type LlmsTxtSource, type ReadLlmsTxtSourceOptions } from "./read-source.ts";
