import type { Analyser } from "../types.ts";
import { extractContext } from "./context.ts";
import { prepareDocument } from "./prepared-document.ts";
import { summarizeDocument } from "./summarize.ts";
import { synthesizeGuideline } from "./synthesize.ts";
import { extractTopics } from "./topics.ts";

export { emphasisedTexts, stripInlineMarkdown } from "./inline-markdown.ts";
export { parseMarkdownBlocks, type MarkdownBlock } from "./markdown-blocks.ts";
export { markdownToProse } from "./markdown-prose.ts";
export { countPhrase, containsPhrase, phraseKey } from "./phrase-match.ts";
export { singularize } from "./plural.ts";
export { closeSentence, splitSentences } from "./sentences.ts";
export { stem } from "./stem.ts";
export { STOPWORDS, isStopword } from "./stopwords.ts";
export { titleCase } from "./title-case.ts";
export { contentTerms, isContentWord, tokenize, wordsOf } from "./tokenize.ts";

/** Provider name of the extractive analyser. */
export const LOCAL_PROVIDER = "local";
/** Model name of the extractive analyser; change it whenever its output changes, since it enters cache keys. */
export const LOCAL_MODEL = "extractive-v1";

/**
 * The `local` analyser: no network, no key, deterministic. Every answer quotes the documents (ranked
 * sentences, key phrases, step lists, code blocks), and each document is analysed on its own so a batch's
 * make-up never changes a document's answer. Its context quotes the llms.txt and the landing page; it has no
 * mergeTopics, so relate keeps the deterministic merge of topic names.
 */
export function createLocalAnalyser(): Analyser {
  return {
    provider: LOCAL_PROVIDER,
    model: LOCAL_MODEL,
    extractive: true,
    async summarize({ context, documents }) {
      return documents.map((document) => summarizeDocument(prepareDocument(document), context.name));
    },
    async topics({ context, documents }) {
      return documents.map((document) => ({ documentId: document.id, topics: extractTopics(prepareDocument(document), context.name) }));
    },
    async synthesize(input) {
      return synthesizeGuideline(input);
    },
    async buildContext(input) {
      return extractContext(input);
    },
  };
}
