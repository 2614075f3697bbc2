/** The rules AGENTS.md chooses from: every cited statement and code example of every guideline, topics ranked. */
import type { Statement, TopicGuideline } from "../types.ts";
import { indexSources } from "./citations.ts";
import { indexSourceUrl } from "./front-matter.ts";
import { formatCodeBlock, formatInline } from "./markdown.ts";
import { anchoredUrl, topicName, topicPagePath, type ReportLookups } from "./report-lookups.ts";

/** Where a rule came from inside its guideline; the order here is the order rules are offered in. */
export const RULE_KINDS = ["steps", "pitfalls", "code", "whenToUse", "overview", "about"] as const;

/** Kind of a rule. */
export type RuleKind = (typeof RULE_KINDS)[number];

/** One rule: its markdown (escaped, without citations) and the pages it cites. */
export interface AgentRule {
  kind: RuleKind;
  /** The rule's text; for code, a label line then a fenced block. */
  markdown: string;
  /** Cited source URLs with their section anchor, and their titles; never empty. */
  sources: Array<{ url: string; title: string }>;
}

/** A section of AGENTS.md: a topic (or the product) and its rules, best first. */
export interface AgentTopic {
  id: string;
  name: string;
  /** Relative path of the full guideline; absent for the product section. */
  page?: string;
  rules: AgentRule[];
}

/** The sections of AGENTS.md in order, and how many statements had no citation and so can never be a rule. */
export interface AgentMaterial {
  topics: AgentTopic[];
  uncited: number;
}

// Topics with more of the documentation about them come first: relate's weight is the sum of the
// relevance (0–1) of the topic in every document that mentions it. Ties: more documents, then the id.
function rankGuidelines(lookups: ReportLookups): TopicGuideline[] {
  const weight = (topicId: string) => lookups.topicsById.get(topicId)?.weight ?? 0;
  const documents = (topicId: string) => lookups.topicsById.get(topicId)?.documentIds.length ?? 0;
  return [...lookups.input.guidelines].sort(
    (first, second) =>
      weight(second.topicId) - weight(first.topicId) ||
      documents(second.topicId) - documents(first.topicId) ||
      (first.topicId < second.topicId ? -1 : first.topicId > second.topicId ? 1 : 0),
  );
}

function topicRules(guideline: TopicGuideline): { rules: AgentRule[]; uncited: number } {
  const sources = indexSources(guideline);
  const cited = (citations: number[]) =>
    [...new Set(citations)].flatMap((number) => {
      const source = sources.get(number);
      return source === undefined ? [] : [{ url: anchoredUrl({ url: source.url, anchor: source.anchor }), title: source.title || source.url }];
    });
  const rules: AgentRule[] = [];
  let uncited = 0;
  const add = (kind: RuleKind, markdown: string, citations: number[]) => {
    const ruleSources = cited(citations);
    if (ruleSources.length === 0 || markdown === "") uncited += 1;
    else rules.push({ kind, markdown, sources: ruleSources });
  };
  const statements = (kind: RuleKind, list: Statement[]) => list.forEach((statement) => add(kind, formatInline(statement.text), statement.citations));
  statements("steps", guideline.steps);
  statements("pitfalls", guideline.pitfalls);
  for (const example of guideline.code) {
    add("code", `${formatInline(example.title) || "Example"}\n\n${formatCodeBlock({ code: example.code, language: example.language })}`, example.citations);
  }
  statements("whenToUse", guideline.whenToUse);
  statements("overview", guideline.overview);
  return { rules, uncited };
}

// The product section: what the context says the product is, cited to the index it was read from.
function productTopic(lookups: ReportLookups): AgentTopic | undefined {
  const { context, index } = lookups.input;
  const url = indexSourceUrl(index.source);
  if (url === undefined) return undefined;
  const source = { url, title: index.title || url };
  const rules = [context.description, context.purpose, context.audience === undefined ? undefined : `Audience: ${context.audience}`]
    .filter((text): text is string => text !== undefined && text.trim() !== "")
    .map((text): AgentRule => ({ kind: "about", markdown: formatInline(text), sources: [source] }));
  return rules.length === 0 ? undefined : { id: "", name: `About ${context.name || index.title || "the product"}`, rules };
}

/** Collects AGENTS.md's material: the product section, then each topic with a guideline, most important first. */
export function collectAgentMaterial(options: { lookups: ReportLookups }): AgentMaterial {
  const { lookups } = options;
  const topics: AgentTopic[] = [];
  const product = productTopic(lookups);
  if (product !== undefined) topics.push(product);
  let uncited = 0;
  for (const guideline of rankGuidelines(lookups)) {
    const collected = topicRules(guideline);
    uncited += collected.uncited;
    const name = guideline.name || topicName(lookups, guideline.topicId);
    if (collected.rules.length > 0) topics.push({ id: guideline.topicId, name, page: topicPagePath(guideline.topicId), rules: collected.rules });
  }
  return { topics, uncited };
}
