/** The report's front page: `index.md`. */
import type { FailureStage } from "../types.ts";
import { formatInline, formatLink, formatTable, formatTableCell, formatTableLink } from "./markdown.ts";
import { indexSourceUrl, pageSources, type PageSource } from "./front-matter.ts";
import { renderPage, renderSection } from "./page.ts";
import { documentPagePath, relativeDestination, topicName, topicPagePath, type ReportLookups } from "./report-lookups.ts";

const PATH = "index.md";

function formatTopicCell(lookups: ReportLookups, topicId: string): string {
  const name = topicName(lookups, topicId);
  if (!lookups.topicIdsWithPage.has(topicId)) return formatTableCell(name);
  return formatTableLink({ text: name, url: relativeDestination({ from: PATH, to: topicPagePath(topicId) }) });
}

function formatTopicsTable(lookups: ReportLookups): string {
  if (lookups.input.topics.length === 0) return "No topics.";
  const rows = lookups.input.topics.map((topic) => [
    formatTopicCell(lookups, topic.id),
    String(topic.documentIds.length),
    topic.relatedTopicIds.map((topicId) => formatTopicCell(lookups, topicId)).join(", "),
  ]);
  return formatTable({ header: ["Topic", "Documents", "Related topics"], rows });
}

function formatDocumentsTable(lookups: ReportLookups): string {
  if (lookups.input.documents.length === 0) return "No documents.";
  const rows = lookups.input.documents.map(({ record }) => [
    formatTableLink({ text: record.title || record.url, url: relativeDestination({ from: PATH, to: documentPagePath(record.slug) }) }),
    formatTableCell(record.section),
    record.status,
    record.tokens === undefined ? "" : String(record.tokens),
    formatTableLink({ text: record.url, url: record.url }),
  ]);
  return formatTable({ header: ["Document", "Section", "Status", "Tokens", "Source"], rows });
}

interface Failure {
  title: string;
  url: string;
  slug?: string;
  failure?: { stage: FailureStage; reason: string };
}

// The records are the source of truth; the manifest is read too so no failed document can go unnamed.
function collectFailures(lookups: ReportLookups): Failure[] {
  const failures: Failure[] = lookups.input.documents
    .map((entry) => entry.record)
    .filter((record) => record.status === "failed" || record.failure !== undefined);
  const named = new Set(failures.map((failure) => failure.url));
  for (const document of lookups.input.manifest.documents) {
    const failed = document.status === "failed" || document.failure !== undefined;
    if (!failed || named.has(document.url)) continue;
    named.add(document.url);
    failures.push({ title: document.title, url: document.url, failure: document.failure, slug: lookups.recordsById.get(document.id)?.slug });
  }
  return failures;
}

function formatCoverage(lookups: ReportLookups): string {
  const { total, analysed, failed, skipped } = lookups.input.manifest.coverage;
  const coverage = `Analysed ${analysed} of ${total} documents; ${failed} failed; ${skipped} skipped.`;
  const failures = collectFailures(lookups).map((failure) => {
    const title = failure.slug === undefined
      ? formatInline(failure.title || failure.url)
      : formatLink({ text: failure.title || failure.url, url: relativeDestination({ from: PATH, to: documentPagePath(failure.slug) }) });
    const reason = failure.failure === undefined
      ? "no reason was recorded"
      : `failed at ${failure.failure.stage}: ${formatInline(failure.failure.reason)}`;
    return `- ${title} (${formatLink({ text: failure.url, url: failure.url })}): ${reason}`;
  });
  const topicFailures = lookups.input.manifest.topics
    .filter((topic) => topic.status === "failed")
    .map((topic) => `- ${formatInline(topic.name || topic.id)}: ${formatInline(topic.failure ?? "no reason was recorded")}`);
  return [
    coverage,
    `### Failures\n\n${failures.length === 0 ? "No failures." : failures.join("\n")}`,
    topicFailures.length === 0 ? undefined : `### Topics without a guideline\n\n${topicFailures.join("\n")}`,
  ]
    .filter((block) => block !== undefined)
    .join("\n\n");
}

function formatRun(lookups: ReportLookups): string {
  const { manifest } = lookups.input;
  return [
    `- Run id: \`${manifest.runId.replace(/`/g, "")}\``,
    `- Status: ${formatInline(manifest.status)}`,
    `- Provider: ${formatInline(manifest.provider)}`,
    `- Model: ${formatInline(manifest.model)}`,
    `- Source: ${formatInline(manifest.source)}`,
    `- Started: ${formatInline(manifest.startedAt)}; finished: ${formatInline(manifest.finishedAt)}`,
    `- document-it version: ${formatInline(manifest.version)}`,
    "- Files: [global context](global-context.md), [guidelines for coding agents](AGENTS.md), [llms.txt](llms.txt), [analysis data](analysis.json), [run manifest](run.json)",
  ].join("\n");
}

function indexSources(lookups: ReportLookups): PageSource[] {
  const url = indexSourceUrl(lookups.input.index.source);
  return url === undefined ? [] : [{ url }];
}

/** Renders `index.md`. */
export function renderIndexPage(options: { lookups: ReportLookups }): { path: string; content: string } {
  const { lookups } = options;
  const { index, context, manifest } = lookups.input;
  const content = renderPage({
    path: PATH,
    title: index.title || context.name || "Documentation",
    lookups,
    sources: pageSources({ lookups, documentIds: lookups.input.documents.map((entry) => entry.record.id), extra: indexSources(lookups) }),
    blocks: [
      index.summary === undefined ? undefined : formatInline(index.summary),
      renderSection({ heading: "Topics", body: formatTopicsTable(lookups) }),
      renderSection({ heading: "Documents", body: formatDocumentsTable(lookups) }),
      renderSection({ heading: "Coverage", body: formatCoverage(lookups) }),
      renderSection({ heading: "Run", body: formatRun(lookups) }),
    ],
  });
  return { path: PATH, content };
}
