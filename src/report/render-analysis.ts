/** The machine-readable files of a report: `analysis.json` and `run.json`. */
import type { ReportInput } from "../types.ts";

/** Version of the `analysis.json` shape; raise it when a field changes meaning or goes away. */
export const ANALYSIS_SCHEMA_VERSION = 1;

/** Renders `analysis.json`: the analysis as data, without the documents' markdown. */
export function renderAnalysisJson(options: { input: ReportInput }): string {
  const { input } = options;
  const analysis = {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    generator: "document-it",
    runId: input.manifest.runId,
    index: input.index,
    context: input.context,
    topics: input.topics,
    // null rather than a missing key, so every document entry has the same shape.
    documents: input.documents.map((entry) => ({
      record: entry.record,
      summary: entry.summary ?? null,
      topics: entry.topics ?? null,
    })),
    guidelines: input.guidelines,
  };
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/** Renders `run.json`: the run manifest as given. */
export function renderRunJson(options: { input: ReportInput }): string {
  return `${JSON.stringify(options.input.manifest, null, 2)}\n`;
}
