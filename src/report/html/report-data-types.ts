/** The data the HTML report embeds as JSON and renders in the browser. Every string in it is untrusted text. */
import type { DocumentStatus, Statement } from "../../types.ts";
import type { GraphLayout } from "./graph-layout.ts";

/** A place in a source document; `href` is absent when the URL may not be linked (see safeHref). */
export interface LinkedSection {
  heading: string;
  href?: string;
}

/** A source a guideline cites by its `[n]` number. */
export interface HtmlSource extends LinkedSection {
  number: number;
  title: string;
  url: string;
  /** The cited document's id, when the report has it. */
  documentId?: string;
}

/** What the report shows of a topic's guideline. */
export interface HtmlGuideline {
  overview: Statement[];
  whenToUse: Statement[];
  steps: Statement[];
  pitfalls: Statement[];
  code: Array<{ title: string; language: string; code: string; citations: number[] }>;
  sources: HtmlSource[];
}

/** A topic: its guideline when synthesize produced one, else why not. */
export interface HtmlTopic {
  id: string;
  name: string;
  aliases: string[];
  documentIds: string[];
  relatedTopicIds: string[];
  guideline?: HtmlGuideline;
  failure?: string;
}

/** A document: its record and, when analysed, its summary. */
export interface HtmlDocument {
  id: string;
  title: string;
  url: string;
  href?: string;
  section: string;
  optional: boolean;
  status: DocumentStatus;
  tokens?: number;
  failure?: { stage: string; reason: string };
  summary?: string;
  concepts: Array<LinkedSection & { name: string; description: string; importance: number }>;
  notes: Array<LinkedSection & { title: string; steps: string[] }>;
  patterns: Array<LinkedSection & { name: string; language: string; code: string; whenToUse: string }>;
  topicIds: string[];
  relatedDocumentIds: string[];
}

/** Everything report.html shows. */
export interface HtmlReportData {
  title: string;
  summary: string;
  /** Markdown details of the product, from the index. */
  details: string;
  extractive: boolean;
  runId: string;
  finishedAt: string;
  provider: string;
  model: string;
  coverage: { total: number; analysed: number; failed: number; skipped: number };
  features: Array<{ name: string; description: string }>;
  terminology: Array<{ term: string; definition: string }>;
  topics: HtmlTopic[];
  documents: HtmlDocument[];
  graph: GraphLayout;
}
