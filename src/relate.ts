import { slugify } from "./slug.ts";
import { byWeight, canonicalKey, collectTopicCandidates, mergeSynonyms, type TopicCandidates } from "./topic-candidates.ts";
import { topicKey, topicTitle } from "./topic-names.ts";
import type { Topic, TopicMention } from "./types.ts";

/** A document as relate sees it. */
export interface RelateInput {
  id: string;
  url: string;
  links: string[];
  topics: TopicMention[];
}

/** What relate finds. */
export interface Relations {
  topics: Topic[];
  /** Document id → ids of its topics. */
  documentTopics: Record<string, string[]>;
  /** Document id → ids of documents it links to or shares two or more topics with, strongest first. */
  relatedDocuments: Record<string, string[]>;
}

/**
 * Merges topic names across documents (case, punctuation and plurals, near-duplicate spellings, then the
 * `synonyms` groups an LLM found), keeps the topics shared by two or more documents (at most `maxTopics`,
 * heaviest first) plus each uncovered document's best topic, and links documents.
 */
export function relateDocuments(options: {
  documents: RelateInput[];
  maxTopics?: number;
  synonyms?: ReadonlyArray<readonly string[]>;
  /** collectTopicCandidates of `documents`, when the caller has them already; the synonyms are folded into them. */
  candidates?: TopicCandidates;
}): Relations {
  const candidates = options.candidates ?? collectTopicCandidates({ documents: options.documents });
  if (options.synonyms) mergeSynonyms(candidates, options.synonyms);
  const ordered = byWeight(candidates);
  const chosen = new Set(ordered.filter((candidate) => candidate.mentions.length >= 2).slice(0, options.maxTopics ?? 24).map((candidate) => candidate.key));
  for (const document of options.documents) {
    const keys = document.topics.map((mention) => canonicalKey(candidates, topicKey(mention.name)));
    if (keys.some((key) => chosen.has(key))) continue;
    const best = [...document.topics].sort((a, b) => b.relevance - a.relevance)[0];
    if (best) chosen.add(canonicalKey(candidates, topicKey(best.name)));
  }
  const selected = ordered.filter((candidate) => chosen.has(candidate.key));
  const usedIds = new Set<string>();
  const topics: Topic[] = selected.map((candidate) => {
    const base = slugify(candidate.key) || "topic";
    let id = base;
    for (let suffix = 2; usedIds.has(id); suffix += 1) id = `${base}-${suffix}`;
    usedIds.add(id);
    const aliases = [...candidate.names.keys()].sort();
    return {
      id,
      name: topicTitle(candidate.key),
      aliases,
      documentIds: [...candidate.mentions].sort((a, b) => b.relevance - a.relevance || (a.documentId < b.documentId ? -1 : 1)).map((mention) => mention.documentId),
      weight: Math.round(candidate.weight * 1000) / 1000,
      relatedTopicIds: [],
    };
  });
  const documentTopics: Record<string, string[]> = {};
  for (const topic of topics) for (const documentId of topic.documentIds) (documentTopics[documentId] ??= []).push(topic.id);
  for (const topic of topics) topic.relatedTopicIds = relatedTopics(topic, documentTopics);
  return { topics, documentTopics, relatedDocuments: relateByLinksAndTopics(options.documents, documentTopics) };
}

// The five topics sharing most documents with `topic` (ties by id), counted through the topics of its own documents
// rather than over every topic: over every topic, each of them cost a pass over all the others' documents.
function relatedTopics(topic: Topic, documentTopics: Record<string, string[]>): string[] {
  const shared = new Map<string, number>();
  for (const documentId of new Set(topic.documentIds)) {
    for (const other of documentTopics[documentId] ?? []) if (other !== topic.id) shared.set(other, (shared.get(other) ?? 0) + 1);
  }
  return [...shared]
    .sort(([a, first], [b, second]) => second - first || (a < b ? -1 : 1))
    .slice(0, 5)
    .map(([id]) => id);
}

function relateByLinksAndTopics(documents: RelateInput[], documentTopics: Record<string, string[]>): Record<string, string[]> {
  const idByUrl = new Map(documents.map((document) => [document.url, document.id]));
  const documentsByTopic = new Map<string, Set<string>>();
  for (const { id } of documents) for (const topicId of documentTopics[id] ?? []) documentsByTopic.set(topicId, (documentsByTopic.get(topicId) ?? new Set()).add(id));
  const related: Record<string, string[]> = {};
  for (const document of documents) {
    const scores = new Map<string, number>();
    for (const link of document.links) {
      const target = idByUrl.get(link);
      if (target && target !== document.id) scores.set(target, (scores.get(target) ?? 0) + 10);
    }
    // Topics shared with each other document, counted through the documents of each own topic rather than over every document.
    const shared = new Map<string, number>();
    for (const topicId of new Set(documentTopics[document.id] ?? [])) {
      for (const other of documentsByTopic.get(topicId) ?? []) if (other !== document.id) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [other, count] of shared) if (count >= 2) scores.set(other, (scores.get(other) ?? 0) + count);
    related[document.id] = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([id]) => id);
  }
  return related;
}
