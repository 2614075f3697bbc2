import type { LlmsTxtDiagnostic, LlmsTxtDiagnosticCode, LlmsTxtSeverity } from "./types.ts";

/** The severity of each diagnostic code: fixed per code, so a linter's output is predictable. */
export const DIAGNOSTIC_SEVERITY: Readonly<Record<LlmsTxtDiagnosticCode, LlmsTxtSeverity>> = {
  "empty-file": "error",
  "binary-input": "error",
  "html-input": "error",
  "missing-h1": "error",
  "empty-title": "error",
  "invalid-url": "error",
  "h1-not-first": "warning",
  "multiple-h1": "warning",
  "empty-summary": "warning",
  "heading-in-details": "warning",
  "duplicate-section": "warning",
  "empty-section": "warning",
  "item-without-link": "warning",
  "link-outside-list": "warning",
  "invalid-base-url": "warning",
  "unsupported-scheme": "warning",
  "duplicate-link": "warning",
  "missing-summary": "info",
  "subheading-in-section": "info",
  "prose-in-section": "info",
  "relative-link": "info",
};

/** Collects diagnostics while a file is parsed. */
export class DiagnosticCollector {
  readonly #diagnostics: LlmsTxtDiagnostic[] = [];

  /** Records a diagnostic at a 1-based line. */
  add(code: LlmsTxtDiagnosticCode, line: number, message: string): void {
    this.#diagnostics.push({ code, severity: DIAGNOSTIC_SEVERITY[code], line, message });
  }

  /** The diagnostics by line; the sort is stable, so those of one line keep the order they were found in. */
  sorted(): LlmsTxtDiagnostic[] {
    return [...this.#diagnostics].sort((first, second) => first.line - second.line);
  }
}
