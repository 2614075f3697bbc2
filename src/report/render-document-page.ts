/** The page of one document: `documents/<slug>.md`, also for documents that failed. */
import type { ReportInput, SourceReference } from "../types.ts";
import { formatCodeBlock, formatInline, formatLink, formatTable, formatTableCell, formatTableLink } from "./markdown.ts";
import { pageSources } from "./front-matter.ts";
import { renderPage, renderSection } from "./page.ts";
import {
  anchoredUrl,
  documentPagePath,
  relativeDestination,
  topicName,
  topicPagePath,
  type ReportLookups,
} from "./report-lookups.ts";

type DocumentEntry = ReportInput["documents"][number];

function formatSourceLink(url: string, reference: SourceReference): string {
  return formatLink({ text: reference.heading || "Introduction", url: anchoredUrl({ url, anchor: reference.anchor }) });
}

function formatFacts(entry: DocumentEntry): string {
  const { record } = entry;
  const facts = [
    `- Source: ${formatLink({ text: record.url, url: record.url })}`,
    `- Section: ${formatInline(record.section) || "(none)"}${record.optional ? " (optional)" : ""}`,
    `- Status: ${record.status}`,
    record.tokens === undefined ? undefined : `- Tokens: ${record.tokens}`,
  ];
  return facts.filter((fact) => fact !== undefined).join("\n");
}

function formatFailure(entry: DocumentEntry): string | undefined {
  const failure = entry.record.failure;
  if (failure === undefined) return undefined;
  return `The document failed at the **${failure.stage}** stage: ${formatInline(failure.reason)}`;
}

function formatConcepts(entry: DocumentEntry): string | undefined {
  const { summary, record } = entry;
  return summary?.concepts
    .map((concept) => {
      const name = formatInline(concept.name);
      return `- **${name}** (importance ${concept.importance}/10): ${formatInline(concept.description)} (${formatSourceLink(record.url, concept)})`;
    })
    .join("\n");
}

function formatImplementationNotes(entry: DocumentEntry): string | undefined {
  const { summary, record } = entry;
  return summary?.implementationNotes
    .map((note) => {
      const steps = note.steps.map((step, index) => `${index + 1}. ${formatInline(step)}`).join("\n");
      return [`### ${formatInline(note.title) || "Steps"}`, `From ${formatSourceLink(record.url, note)}.`, steps]
        .filter((part) => part !== "")
        .join("\n\n");
    })
    .join("\n\n");
}

function formatCodePatterns(entry: DocumentEntry): string | undefined {
  const { summary, record } = entry;
  return summary?.codePatterns
    .map((pattern) => {
      const when = pattern.whenToUse === "" ? "" : `When to use: ${formatInline(pattern.whenToUse)} `;
      return [
        `### ${formatInline(pattern.name) || "Pattern"}`,
        `${when}(${formatSourceLink(record.url, pattern)})`,
        formatCodeBlock({ code: pattern.code, language: pattern.language }),
      ].join("\n\n");
    })
    .join("\n\n");
}

function formatTopics(lookups: ReportLookups, entry: DocumentEntry, path: string): string {
  const topicIds =
    entry.record.topicIds ?? lookups.input.topics.filter((topic) => topic.documentIds.includes(entry.record.id)).map((topic) => topic.id);
  const topics = topicIds.map((topicId) => lookups.topicsById.get(topicId));
  const merged = new Set(
    topics.flatMap((topic) => (topic === undefined ? [] : [topic.name, ...topic.aliases].map((name) => name.toLowerCase()))),
  );
  const linked = topicIds.map((topicId) => {
    const name = formatInline(topicName(lookups, topicId));
    if (!lookups.topicIdsWithPage.has(topicId)) return `- ${name}`;
    return `- [${name}](${relativeDestination({ from: path, to: topicPagePath(topicId) })})`;
  });
  // Mentions relate did not keep as a topic of this document are still worth listing, without a link.
  const unmerged = (entry.topics?.topics ?? [])
    .filter((mention) => !merged.has(mention.name.toLowerCase()))
    .map((mention) => `- ${formatInline(mention.name)} (relevance ${mention.relevance.toFixed(2)}, not merged into a topic)`);
  return [...linked, ...unmerged].join("\n");
}

function formatRelatedDocuments(lookups: ReportLookups, entry: DocumentEntry, path: string): string | undefined {
  return entry.record.relatedDocumentIds
    ?.map((documentId) => {
      const record = lookups.recordsById.get(documentId);
      if (record === undefined) return `- ${formatInline(documentId)}`;
      return `- ${formatLink({ text: record.title || record.url, url: relativeDestination({ from: path, to: documentPagePath(record.slug) }) })}`;
    })
    .join("\n");
}

function formatHeadings(entry: DocumentEntry): string | undefined {
  const sections = entry.document?.sections;
  if (sections === undefined || sections.length === 0) return undefined;
  const rows = sections.map((documentSection) => [
    String(documentSection.level),
    formatTableCell(documentSection.heading || "(text before the first heading)"),
    documentSection.anchor === ""
      ? ""
      : formatTableLink({ text: `#${documentSection.anchor}`, url: anchoredUrl({ url: entry.record.url, anchor: documentSection.anchor }) }),
  ]);
  return formatTable({ header: ["Level", "Heading", "Anchor"], rows });
}

/** Renders the page of one document. */
export function renderDocumentPage(options: { lookups: ReportLookups; entry: DocumentEntry }): { path: string; content: string } {
  const { lookups, entry } = options;
  const path = documentPagePath(entry.record.slug);
  const content = renderPage({
    path,
    title: entry.document?.title || entry.record.title || entry.record.url,
    lookups,
    sources: pageSources({ lookups, documentIds: [entry.record.id] }),
    blocks: [
      formatFacts(entry),
      renderSection({ heading: "Failure", body: formatFailure(entry) }),
      renderSection({ heading: "Summary", body: entry.summary === undefined ? undefined : formatInline(entry.summary.summary) }),
      renderSection({ heading: "Key concepts", body: formatConcepts(entry) }),
      renderSection({ heading: "Implementation notes", body: formatImplementationNotes(entry) }),
      renderSection({ heading: "Code patterns", body: formatCodePatterns(entry) }),
      renderSection({ heading: "Topics", body: formatTopics(lookups, entry, path) }),
      renderSection({ heading: "Related documents", body: formatRelatedDocuments(lookups, entry, path) }),
      renderSection({ heading: "Headings", body: formatHeadings(entry) }),
    ],
  });
  return { path, content };
}
