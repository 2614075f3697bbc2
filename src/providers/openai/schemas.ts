/**
 * The answer schemas sent to the model. Every field is required and no string has a length bound, so each
 * schema is valid for OpenAI's strict structured outputs; sizes are asked for in the prompts instead.
 */
import { z } from "zod";

/** Version of the answer schemas below; enters cache keys. Bump it whenever a schema changes. */
export const ANSWER_SCHEMA_VERSION = 1;

const heading = z.string().describe('A heading of the document copied exactly, without # marks; "" for text before the first heading');
const documentId = z.string().describe("The id attribute of the document's <document> element");

const ConceptAnswerSchema = z.object({
  name: z.string(),
  description: z.string().describe("One sentence"),
  importance: z.number().int().min(1).max(10).describe("1 (minor) to 10 (central)"),
  heading,
});

const ImplementationNoteAnswerSchema = z.object({
  title: z.string().describe("Short imperative title"),
  steps: z.array(z.string()).describe("In order, one action each"),
  heading,
});

const CodePatternAnswerSchema = z.object({
  name: z.string(),
  language: z.string().describe('Language of the code, e.g. "ts", "bash"; "" when unknown'),
  code: z.string().describe("Code copied from the document"),
  whenToUse: z.string(),
  heading,
});

/** The summarize answer: one entry per document of the batch. */
export const SummarizeAnswerSchema = z.object({
  question: z.enum(["summarize"]),
  documents: z.array(
    z.object({
      documentId,
      summary: z.string().describe("Two to four sentences"),
      concepts: z.array(ConceptAnswerSchema),
      implementationNotes: z.array(ImplementationNoteAnswerSchema),
      codePatterns: z.array(CodePatternAnswerSchema),
    }),
  ),
});

/** The topic answer: the topics of each document of the batch. */
export const TopicAnswerSchema = z.object({
  question: z.enum(["topic"]),
  documents: z.array(
    z.object({
      documentId,
      topics: z.array(
        z.object({
          name: z.string().describe("Short noun phrase in Title Case"),
          relevance: z.number().min(0).max(1).describe("0 to 1: how much of the document is about it"),
          heading,
        }),
      ),
    }),
  ),
});

/**
 * What summarize and topic send as the response format or tool. One schema for both questions keeps the
 * request prefix identical (OpenAI places the schema before the system message), so prefix caching serves
 * the second question; the final message says which branch to answer.
 */
export const BatchAnswerSchema = z.object({ answer: z.union([SummarizeAnswerSchema, TopicAnswerSchema]) });

const citations = z.array(z.number().int().min(1)).min(1).describe("Numbers of the sources that support it");
const StatementAnswerSchema = z.object({ text: z.string().describe("One or two sentences, without citation numbers"), citations });

/** The synthesize answer: a topic's guideline, every statement citing numbered sources. */
export const GuidelineAnswerSchema = z.object({
  overview: z.array(StatementAnswerSchema),
  whenToUse: z.array(StatementAnswerSchema),
  steps: z.array(StatementAnswerSchema),
  code: z.array(z.object({ title: z.string(), language: z.string(), code: z.string(), citations })),
  pitfalls: z.array(StatementAnswerSchema),
});

const source = z.string().describe("The id attribute of the document that states it");

/** The context answer: what the product is, from its index and landing page. */
export const ContextAnswerSchema = z.object({
  name: z.string(),
  description: z.string(),
  purpose: z.string(),
  audience: z.string(),
  features: z.array(z.object({ name: z.string(), description: z.string(), importance: z.number().int().min(1).max(10), source })),
  terminology: z.array(z.object({ term: z.string(), definition: z.string(), source })),
  confidence: z.object({ score: z.number().min(0).max(1), reason: z.string() }),
});

/** The relate answer: groups of topic names that mean the same thing. */
export const TopicGroupsAnswerSchema = z.object({
  question: z.enum(["relate"]),
  groups: z.array(z.object({ names: z.array(z.string()).describe("Two or more names copied exactly from the list") })),
});

/** A checked summarize answer. */
export type SummarizeAnswer = z.infer<typeof SummarizeAnswerSchema>;
/** A checked topic answer. */
export type TopicAnswer = z.infer<typeof TopicAnswerSchema>;
/** A checked synthesize answer. */
export type GuidelineAnswer = z.infer<typeof GuidelineAnswerSchema>;
/** A checked context answer. */
export type ContextAnswer = z.infer<typeof ContextAnswerSchema>;
/** A checked relate answer. */
export type TopicGroupsAnswer = z.infer<typeof TopicGroupsAnswerSchema>;
