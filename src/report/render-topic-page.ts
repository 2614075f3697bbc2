/** The guideline page of one topic: `topics/<topic id>.md`. */
import type { CitedSource, Statement, TopicGuideline } from "../types.ts";
import { formatCitations, formatStatement, indexSources } from "./citations.ts";
import { formatCodeBlock, formatDestination, formatInline } from "./markdown.ts";
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

function formatList(options: { statements: Statement[]; sources: Map<number, CitedSource>; numbered: boolean }): string {
  return options.statements
    .map((statement, index) => `${options.numbered ? `${index + 1}.` : "-"} ${formatStatement({ statement, sources: options.sources })}`)
    .join("\n");
}

function formatCode(guideline: TopicGuideline, sources: Map<number, CitedSource>): string {
  return guideline.code
    .map((example) => {
      const heading = [formatInline(example.title) || "Example", formatCitations({ citations: example.citations, sources })]
        .filter((part) => part !== "")
        .join(" ");
      return `### ${heading}\n\n${formatCodeBlock({ code: example.code, language: example.language })}`;
    })
    .join("\n\n");
}

function formatRelatedTopics(lookups: ReportLookups, guideline: TopicGuideline, path: string): string {
  return guideline.relatedTopicIds
    .map((topicId) => {
      const name = topicName(lookups, topicId);
      if (!lookups.topicIdsWithPage.has(topicId)) return `- ${formatInline(name)}`;
      return `- [${formatInline(name)}](${relativeDestination({ from: path, to: topicPagePath(topicId) })})`;
    })
    .join("\n");
}

function formatSources(lookups: ReportLookups, guideline: TopicGuideline, path: string): string {
  if (guideline.sources.length === 0) return "No sources.";
  return [...guideline.sources]
    .sort((left, right) => left.number - right.number)
    .map((source) => {
      const remote = formatDestination(anchoredUrl({ url: source.url, anchor: source.anchor }));
      const heading = source.heading === "" ? "" : `, section “${formatInline(source.heading)}”`;
      const record = lookups.recordsById.get(source.documentId);
      const local =
        record === undefined ? "" : ` ([document page](${relativeDestination({ from: path, to: documentPagePath(record.slug) })}))`;
      return `- [[${source.number}]](${remote}) ${formatInline(source.title) || formatInline(source.url)}${heading}${local}`;
    })
    .join("\n");
}

/** Renders the guideline page of one topic. */
export function renderTopicPage(options: { lookups: ReportLookups; guideline: TopicGuideline }): { path: string; content: string } {
  const { lookups, guideline } = options;
  const path = topicPagePath(guideline.topicId);
  const sources = indexSources(guideline);
  const overview = guideline.overview.map((statement) => formatStatement({ statement, sources })).join(" ");
  const content = renderPage({
    path,
    title: guideline.name || topicName(lookups, guideline.topicId),
    lookups,
    sources: pageSources({ lookups, documentIds: guideline.sources.map((source) => source.documentId), extra: guideline.sources.filter((source) => !lookups.recordsById.has(source.documentId)).map((source) => ({ url: source.url })) }),
    blocks: [
      renderSection({ heading: "Overview", body: overview }),
      renderSection({ heading: "When to use", body: formatList({ statements: guideline.whenToUse, sources, numbered: false }) }),
      renderSection({ heading: "How to implement", body: formatList({ statements: guideline.steps, sources, numbered: true }) }),
      renderSection({ heading: "Code", body: formatCode(guideline, sources) }),
      renderSection({ heading: "Pitfalls", body: formatList({ statements: guideline.pitfalls, sources, numbered: false }) }),
      renderSection({ heading: "Related topics", body: formatRelatedTopics(lookups, guideline, path) }),
      renderSection({ heading: "Sources", body: formatSources(lookups, guideline, path) }),
    ],
  });
  return { path, content };
}
