/** Indexes over a ReportInput and the output file layout, shared by every page renderer. */
import { posix } from "node:path";
import type { DocumentRecord, ReportInput, Topic } from "../types.ts";

/** The ReportInput plus the lookups the pages need to link to each other. */
export interface ReportLookups {
  input: ReportInput;
  recordsById: Map<string, DocumentRecord>;
  topicsById: Map<string, Topic>;
  /** Topics that get a `topics/<id>.md` page: those with a guideline. */
  topicIdsWithPage: Set<string>;
}

/** Builds the lookups once per render. */
export function createReportLookups(input: ReportInput): ReportLookups {
  return {
    input,
    recordsById: new Map(input.documents.map((entry) => [entry.record.id, entry.record])),
    topicsById: new Map(input.topics.map((topic) => [topic.id, topic])),
    topicIdsWithPage: new Set(input.guidelines.map((guideline) => guideline.topicId)),
  };
}

/** Relative path of a topic's guideline page. */
export function topicPagePath(topicId: string): string {
  return `topics/${topicId}.md`;
}

/** Relative path of a document's page. */
export function documentPagePath(slug: string): string {
  return `documents/${slug}.md`;
}

/** Link destination from one output file to another, both relative to the output folder. */
export function relativeDestination(options: { from: string; to: string }): string {
  const from = options.from.split("/");
  const to = options.to.split("/");
  // The report's own paths ("topics/webhooks.md") take the quick way: path.relative over every link of every page
  // cost a tenth of the report's CPU.
  if (![...from, ...to].every(isPlainSegment)) {
    const relative = posix.relative(posix.dirname(options.from), options.to);
    return relative.split("/").map((segment) => (segment === ".." ? segment : encodeURIComponent(segment))).join("/");
  }
  let common = 0;
  while (common < from.length - 1 && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...Array<string>(from.length - 1 - common).fill(".."), ...to.slice(common).map(encodeURIComponent)].join("/");
}

function isPlainSegment(segment: string): boolean {
  return segment !== "" && segment !== "." && segment !== "..";
}

/** A source URL with its section anchor (no `#` when the anchor is empty). */
export function anchoredUrl(options: { url: string; anchor: string }): string {
  return options.anchor === "" ? options.url : `${options.url}#${encodeURIComponent(options.anchor)}`;
}

/** A topic's display name: its merged name, else its id. */
export function topicName(lookups: ReportLookups, topicId: string): string {
  return lookups.topicsById.get(topicId)?.name ?? topicId;
}
