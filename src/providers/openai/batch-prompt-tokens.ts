import type { PromptSet } from "../../prompts.ts";
import { countTokens } from "../../tokens.ts";
import type { BatchPromptTokens, GlobalContext } from "../../types.ts";
import { batchQuestionMessages } from "../question-messages.ts";
import { renderDocument } from "../render-data.ts";
import { messageTokens } from "./prompt-estimates.ts";
import { SummarizeAnswerSchema, TopicAnswerSchema } from "./schemas.ts";

/**
 * What the summarize and topic prompts cost besides the documents' markdown: the larger of the two questions
 * with an empty batch, counting the answer format as if written into the prompt (it is either that or the
 * schema parameter, which the provider counts as input too), and per document its fence and quoted id.
 */
export function batchPromptTokens(prompts: PromptSet, context: GlobalContext): BatchPromptTokens {
  const questions = [
    { question: "summarize", schema: SummarizeAnswerSchema },
    { question: "topic", schema: TopicAnswerSchema },
  ] as const;
  const fixed = Math.max(
    ...questions.map(({ question, schema }) => messageTokens(prompts, batchQuestionMessages(prompts, question, { context, documents: [] }), schema)),
  );
  return { fixed, perDocument: (document) => countTokens(`${renderDocument({ ...document, markdown: "" })}\n\n"${document.id}", `) };
}
