/**
 * Input tokens of the context and synthesize prompts before any call (the dry run's estimates), counted like
 * batchPromptTokens: o200k_base over the messages, the answer schema counted as if written into the prompt.
 */
import type { z } from "zod";
import { renderPrompt, type PromptSet } from "../../prompts.ts";
import { countTokens } from "../../tokens.ts";
import type { ContextInput, GlobalContext } from "../../types.ts";
import { type QuestionMessages, contextMessages, synthesisMessages } from "../question-messages.ts";
import { schemaText } from "./answer-engine.ts";
import { ContextAnswerSchema, GuidelineAnswerSchema } from "./schemas.ts";

/** Input tokens of the context question for this index and landing page (`pageCharacters` of the page are read). */
export function contextPromptTokens(prompts: PromptSet, input: ContextInput, options: { pageCharacters: number }): number {
  return messageTokens(prompts, contextMessages(prompts, input, options), ContextAnswerSchema);
}

/** Input tokens of a synthesize prompt without its sources: system, context, question and answer schema. */
export function synthesisPromptTokens(prompts: PromptSet, context: GlobalContext): number {
  const topic = { id: "topic", name: "topic", aliases: [], documentIds: [], weight: 0, relatedTopicIds: [] };
  return messageTokens(prompts, synthesisMessages(prompts, { context, topic, relatedTopics: [], sources: [] }, { budgetTokens: 0, citedAnchors: [] }), GuidelineAnswerSchema);
}

/** Input tokens of a question's messages, its answer schema counted as if written into the prompt (the format prompt). */
export function messageTokens(prompts: PromptSet, messages: QuestionMessages, schema: z.ZodType): number {
  const format = `\n${renderPrompt(prompts.format, { schema: schemaText(schema) })}`;
  return countTokens([...messages.prefix.map((message) => String(message.content)), messages.finalMessage(format)].join("\n"));
}
