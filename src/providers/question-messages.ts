/**
 * The messages of each question. summarize and topic share one prefix (system message, then the context and
 * the fenced batch) byte for byte and differ only in their final message, so prefix caching serves the second.
 */
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { renderPrompt, type PromptSet, type PromptTemplate } from "../prompts.ts";
import type { AnalysisDocument, ContextInput, GlobalContext, SynthesisInput, TopicMergeInput } from "../types.ts";
import { fence } from "./fence.ts";
import { renderContext, renderDocuments } from "./render-data.ts";
import { renderSources } from "./synthesis-sources.ts";

/** A question's messages: a prefix that never changes, and a final message that may carry the answer format. */
export interface QuestionMessages {
  prefix: BaseMessage[];
  /** The final user message; `format` is the schema text for endpoints that take no schema parameter, else "". */
  finalMessage(format: string): string;
}

/** The system message and the first user message (context, then the batch) of summarize and topic. */
export function batchPrefix(prompts: PromptSet, input: { context: GlobalContext; documents: AnalysisDocument[] }): BaseMessage[] {
  const batch = renderPrompt(prompts.batch, { context: renderContext(input.context), documentCount: input.documents.length, documents: renderDocuments(input.documents) });
  return [new SystemMessage(prompts.system.text), new HumanMessage(batch)];
}

/** summarize or topic for a batch: the shared prefix, then the question's own final message. */
export function batchQuestionMessages(prompts: PromptSet, question: "summarize" | "topic", input: { context: GlobalContext; documents: AnalysisDocument[] }): QuestionMessages {
  const documentIds = input.documents.map((document) => `"${document.id}"`).join(", ");
  return { prefix: batchPrefix(prompts, input), finalMessage: (format) => fill(prompts[question], { documentIds, format }) };
}

/**
 * synthesize for one topic: the system message and the guideline message (the context and how a guideline is
 * written), the same for every topic of a run so prefix caching serves them, then the topic and its numbered sources.
 */
export function synthesisMessages(prompts: PromptSet, input: SynthesisInput, options: { budgetTokens: number; citedAnchors: readonly string[] }): QuestionMessages {
  const numbers = input.sources.map((_source, index) => index + 1);
  const context = renderContext(input.context);
  const guideline = renderPrompt(prompts.guideline, { context });
  // `context` stays a slot of the final message, so an overriding synthesize prompt written before the guideline
  // message existed still renders.
  const slots = {
    context,
    topic: input.topic.name,
    aliases: input.topic.aliases.filter((alias) => alias !== input.topic.name).join(", ") || "(none)",
    relatedTopics: input.relatedTopics.map((topic) => topic.name).join(", ") || "(none)",
    sourceCount: input.sources.length,
    sources: renderSources(input, options.budgetTokens, options.citedAnchors),
    sourceNumbers: numbers.length === 1 ? "1" : `1 to ${numbers.length}`,
  };
  return { prefix: [new SystemMessage(prompts.system.text), new HumanMessage(guideline)], finalMessage: (format) => fill(prompts.synthesize, { ...slots, format }) };
}

/** Document ids the context question gives its two sources. */
export const CONTEXT_SOURCE_IDS = { index: "index", landingPage: "landing-page" } as const;

/** buildContext: the index (its own text, else a rendering of it) and the landing page cut to `pageTokens`. */
export function contextMessages(prompts: PromptSet, input: ContextInput, options: { pageCharacters: number }): QuestionMessages {
  const documents = [fence("document", [["id", CONTEXT_SOURCE_IDS.index], ["url", input.index.source], ["title", input.index.title]], input.indexText ?? renderIndex(input))];
  if (input.landingPage) {
    const { url, title, markdown } = input.landingPage;
    const text = markdown.length > options.pageCharacters ? `${markdown.slice(0, options.pageCharacters)}\n\n[… cut to fit]` : markdown;
    documents.push(fence("document", [["id", CONTEXT_SOURCE_IDS.landingPage], ["url", url], ["title", title ?? ""]], text));
  }
  return { prefix: [new SystemMessage(prompts.system.text)], finalMessage: (format) => fill(prompts.context, { documents: documents.join("\n\n"), format }) };
}

/** mergeTopics: the topic names fenced as data (they come from answers about untrusted documents), one per line. */
export function topicMergeMessages(prompts: PromptSet, input: TopicMergeInput): QuestionMessages {
  const names = fence("document", [["id", "topic-names"]], input.names.join("\n"));
  return { prefix: [new SystemMessage(prompts.system.text)], finalMessage: (format) => fill(prompts.relate, { nameCount: input.names.length, names, format }) };
}

function renderIndex(input: ContextInput): string {
  const lines = [`# ${input.index.title}`];
  if (input.index.summary) lines.push("", `> ${input.index.summary}`);
  if (input.index.details) lines.push("", input.index.details);
  for (const entry of input.index.entries ?? []) lines.push(`- [${entry.title}](${entry.url})${entry.description ? `: ${entry.description}` : ""}`);
  return lines.join("\n");
}

// The format text goes last; with none, the trailing blank lines go too, so the message ends cleanly.
function fill(template: PromptTemplate, slots: Record<string, string | number>): string {
  return renderPrompt(template, slots).trimEnd();
}
