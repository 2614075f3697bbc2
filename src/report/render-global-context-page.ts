/** The product context page: `global-context.md`, with where each fact came from. */
import type { DocumentRecord } from "../types.ts";
import { indexSourceUrl, pageSources, type PageSource } from "./front-matter.ts";
import { formatInline, formatQuotedMarkdown, formatTable, formatTableCell, formatTableLink } from "./markdown.ts";
import { renderPage, renderSection } from "./page.ts";
import { documentPagePath, relativeDestination, type ReportLookups } from "./report-lookups.ts";

const PATH = "global-context.md";

const recordsByUrl = new WeakMap<ReportLookups, Map<string, DocumentRecord>>();

// A fact's source is a document id or URL when relate found it in a document; anything else is shown as text.
function recordOf(lookups: ReportLookups, source: string): DocumentRecord | undefined {
  let byUrl = recordsByUrl.get(lookups);
  if (!byUrl) {
    // The first document of a URL, as a search in order would find it.
    byUrl = new Map();
    for (const { record } of lookups.input.documents) if (!byUrl.has(record.url)) byUrl.set(record.url, record);
    recordsByUrl.set(lookups, byUrl);
  }
  return lookups.recordsById.get(source) ?? byUrl.get(source);
}

function formatSourceCell(lookups: ReportLookups, source: string): string {
  const record = recordOf(lookups, source);
  if (record !== undefined) {
    return formatTableLink({ text: record.title || record.url, url: relativeDestination({ from: PATH, to: documentPagePath(record.slug) }) });
  }
  if (/^(https?|file):\/\//i.test(source)) return formatTableLink({ text: source, url: source });
  return formatTableCell(source);
}

function formatFeatures(lookups: ReportLookups): string | undefined {
  const { features } = lookups.input.context;
  if (features.length === 0) return undefined;
  const rows = features.map((feature) => [
    formatTableCell(feature.name),
    formatTableCell(feature.description),
    String(feature.importance),
    formatSourceCell(lookups, feature.source),
  ]);
  return formatTable({ header: ["Feature", "Description", "Importance", "Source"], rows });
}

function formatTerminology(lookups: ReportLookups): string | undefined {
  const { terminology } = lookups.input.context;
  if (terminology.length === 0) return undefined;
  const rows = terminology.map((entry) => [
    formatTableCell(entry.term),
    formatTableCell(entry.definition),
    formatSourceCell(lookups, entry.source),
  ]);
  return formatTable({ header: ["Term", "Definition", "Source"], rows });
}

function formatHistory(lookups: ReportLookups): string | undefined {
  const { history } = lookups.input.context;
  if (history.length === 0) return undefined;
  return history
    .map((change) => {
      const added = change.added.length === 0 ? "nothing added" : `added ${change.added.map((item) => formatInline(item)).join(", ")}`;
      return `- Version ${change.version}, by ${formatInline(change.by)}: ${added}`;
    })
    .join("\n");
}

// The index (and the landing page it names) made version 1; relate's additions name their documents.
function contextSources(lookups: ReportLookups): PageSource[] {
  const { context, index } = lookups.input;
  const indexUrl = indexSourceUrl(index.source);
  const named = [...context.features, ...context.terminology].map((entry) => entry.source);
  const documentIds = named.flatMap((source) => recordOf(lookups, source)?.id ?? []);
  const urls = named.filter((source) => recordOf(lookups, source) === undefined && /^(https?|file):\/\//i.test(source));
  return pageSources({ lookups, documentIds, extra: [...(indexUrl === undefined ? [] : [indexUrl]), ...urls].map((url) => ({ url })) });
}

/** Renders `global-context.md`. */
export function renderGlobalContextPage(options: { lookups: ReportLookups }): { path: string; content: string } {
  const { lookups } = options;
  const { context, manifest } = lookups.input;
  const content = renderPage({
    path: PATH,
    title: `Global context: ${context.name || "unnamed product"}`,
    lookups,
    sources: contextSources(lookups),
    blocks: [
      [`- Name: ${formatInline(context.name)}`, `- Context version: ${context.version}`].join("\n"),
      renderSection({ heading: "Description", body: formatInline(context.description) }),
      renderSection({
        heading: "Details",
        body: context.details.trim() === "" ? undefined : `As written in the documentation index:\n\n${formatQuotedMarkdown({ markdown: context.details, baseUrl: indexSourceUrl(lookups.input.index.source) })}`,
      }),
      renderSection({ heading: "Features", body: formatFeatures(lookups) }),
      renderSection({ heading: "Terminology", body: formatTerminology(lookups) }),
      renderSection({ heading: "History", body: formatHistory(lookups) }),
    ],
  });
  return { path: PATH, content };
}
