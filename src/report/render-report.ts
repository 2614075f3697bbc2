/** Renders every file of a report in memory, so nothing touches the disk until all of it rendered. */
import { DocumentItError } from "../errors.ts";
import type { ReportInput } from "../types.ts";
import { renderAnalysisJson, renderRunJson } from "./render-analysis.ts";
import { renderDocumentPage } from "./render-document-page.ts";
import { renderGlobalContextPage } from "./render-global-context-page.ts";
import { renderHtmlReport } from "./html/render-html-report.ts";
import { renderIndexPage } from "./render-index-page.ts";
import { renderTopicPage } from "./render-topic-page.ts";
import { DEFAULT_AGENTS_BUDGET, renderAgentsFile } from "./render-agents-file.ts";
import { renderLlmsTxt } from "./render-llms-txt.ts";
import { createReportLookups } from "./report-lookups.ts";

/** How a report is rendered, beyond what it says. */
export interface RenderReportOptions {
  /** Most tokens of AGENTS.md (default 8000). */
  agentsBudget?: number;
  /** Absolute URL of the output folder, ending in `/`, that llms.txt links are made absolute against. */
  outputUrl?: string;
}

/** Renders a report: relative file path → file content. Pure and deterministic. */
export function renderReport(input: ReportInput, options: RenderReportOptions = {}): Map<string, string> {
  const lookups = createReportLookups(input);
  const files = new Map<string, string>();
  const add = (file: { path: string; content: string }) => {
    // Two topics or documents sharing a file name would silently hide one of them.
    if (files.has(file.path)) throw new DocumentItError("OUTPUT_FAILED", `Two report files would be written to "${file.path}"`);
    files.set(file.path, file.content);
  };
  add(renderIndexPage({ lookups }));
  add(renderGlobalContextPage({ lookups }));
  for (const guideline of input.guidelines) add(renderTopicPage({ lookups, guideline }));
  for (const entry of input.documents) add(renderDocumentPage({ lookups, entry }));
  add(renderHtmlReport({ lookups }));
  add({ path: "analysis.json", content: renderAnalysisJson({ input }) });
  add({ path: "run.json", content: renderRunJson({ input }) });
  const agentsBudget = options.agentsBudget ?? DEFAULT_AGENTS_BUDGET;
  add(renderAgentsFile({ lookups, budget: agentsBudget }));
  // Last, so it lists every other file.
  add(renderLlmsTxt({ lookups, files: new Set(files.keys()), agentsBudget, ...(options.outputUrl === undefined ? {} : { outputUrl: options.outputUrl }) }));
  return files;
}
