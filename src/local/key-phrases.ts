import { emphasisedTexts, stripInlineMarkdown } from "./inline-markdown.ts";
import { phraseKey } from "./phrase-match.ts";
import type { PreparedDocument } from "./prepared-document.ts";
import { candidatePhrases, codeIdentifier } from "./phrase-extraction.ts";

/** How often a phrase was seen in each kind of place. */
export interface PhraseCounts {
  title: number;
  /** Heading occurrences weighted by level (H1 1, H2 0.8, deeper 0.6). */
  heading: number;
  /** Occurrences inside **bold** or `inline code`. */
  emphasis: number;
  /** Occurrences in prose sentences. */
  prose: number;
}

/** Everything seen of one candidate phrase in a document. */
export interface PhraseCandidate {
  /** Lowercase words, the last folded to singular, joined by spaces. */
  key: string;
  words: string[];
  counts: PhraseCounts;
  /**
   * The counts less those of the most frequent longer phrase holding this one (C-value style), so "key"
   * seen only inside "api key" scores nothing of its own.
   */
  free: PhraseCounts;
  /** Per section index: heading occurrences count 3, prose and emphasis 1 each. */
  sectionWeights: Map<number, number>;
  /** Spellings seen, with how often. */
  surfaces: Map<string, number>;
  /** Order of first sighting, for stable ties. */
  order: number;
}

/** Where a candidate phrase was seen. */
type Place = keyof PhraseCounts;

/** Collects 1–3 word candidate phrases from a document's title, headings, emphasis and prose. */
export function collectPhrases(prepared: PreparedDocument, options: { includeCode: boolean }): PhraseCandidate[] {
  const candidates = new Map<string, PhraseCandidate>();
  const add = (text: string, place: Place, sectionIndex: number | undefined, weight = 1): void => {
    for (const { key, words, surface } of candidatePhrases(text)) {
      let candidate = candidates.get(key);
      if (candidate === undefined) {
        const counts = { title: 0, heading: 0, emphasis: 0, prose: 0 };
        candidate = { key, words, counts, free: counts, sectionWeights: new Map(), surfaces: new Map(), order: candidates.size };
        candidates.set(key, candidate);
      }
      candidate.counts[place] += place === "heading" ? weight : 1;
      if (sectionIndex !== undefined) {
        const sectionWeight = place === "heading" ? 3 : 1;
        candidate.sectionWeights.set(sectionIndex, (candidate.sectionWeights.get(sectionIndex) ?? 0) + sectionWeight);
      }
      // Headings are often title-cased, so their spelling counts less than the running text's.
      const surfaceWeight = place === "title" || place === "heading" ? 0.5 : 1;
      candidate.surfaces.set(surface, (candidate.surfaces.get(surface) ?? 0) + surfaceWeight);
    }
  };
  add(prepared.document.title, "title", undefined);
  for (const section of prepared.sections) {
    if (section.heading !== "") add(stripInlineMarkdown(section.heading), "heading", section.index, headingWeight(section.level));
    for (const block of section.blocks) {
      if (block.kind === "heading") add(stripInlineMarkdown(block.text), "heading", section.index, headingWeight(block.level));
      if (block.kind !== "paragraph" && block.kind !== "quote" && block.kind !== "list-item") continue;
      for (const emphasised of emphasisedTexts(block.text)) {
        const isCode = block.text.includes(`\`${emphasised}\``);
        if (isCode && !options.includeCode) continue;
        add(isCode ? codeIdentifier(emphasised) : emphasised, "emphasis", section.index);
      }
    }
    for (const sentence of section.sentences) {
      const text = options.includeCode ? sentence.text.replace(/`([^`]*)`/gu, (_match, code: string) => `\`${codeIdentifier(code)}\``) : sentence.text.replace(/`[^`]*`/gu, " ` ");
      add(text, "prose", section.index);
    }
  }
  return withFreeCounts([...candidates.values()]);
}

/** The most used spelling of a candidate (first seen on a tie). */
export function preferredSurface(candidate: PhraseCandidate): string {
  let best = candidate.key;
  let bestCount = -1;
  for (const [surface, count] of candidate.surfaces) {
    if (count > bestCount) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

/** The section index where the candidate weighs most (earliest on a tie), or undefined when never in one. */
export function strongestSection(candidate: PhraseCandidate): number | undefined {
  let best: number | undefined;
  let bestWeight = 0;
  for (const [sectionIndex, weight] of [...candidate.sectionWeights].sort((first, second) => first[0] - second[0])) {
    if (weight > bestWeight) {
      best = sectionIndex;
      bestWeight = weight;
    }
  }
  return best;
}

/** Total occurrences of a count set, headings by their weight. */
export function totalCount(counts: PhraseCounts): number {
  return counts.title + counts.heading + counts.emphasis + counts.prose;
}

function withFreeCounts(candidates: PhraseCandidate[]): PhraseCandidate[] {
  // For every shorter phrase inside a longer candidate, the longer candidate seen most often.
  const holders = new Map<string, PhraseCandidate>();
  for (const longer of candidates) {
    for (let start = 0; start < longer.words.length; start++) {
      for (let end = start + 1; end <= longer.words.length; end++) {
        if (end - start === longer.words.length) continue;
        const inner = phraseKey(longer.words.slice(start, end));
        const holder = holders.get(inner);
        if (holder === undefined || totalCount(longer.counts) > totalCount(holder.counts)) holders.set(inner, longer);
      }
    }
  }
  for (const candidate of candidates) {
    const nested = holders.get(candidate.key)?.counts;
    if (nested === undefined) continue;
    const own = candidate.counts;
    candidate.free = {
      title: Math.max(0, own.title - nested.title),
      heading: Math.max(0, own.heading - nested.heading),
      emphasis: Math.max(0, own.emphasis - nested.emphasis),
      prose: Math.max(0, own.prose - nested.prose),
    };
  }
  return candidates;
}

function headingWeight(level: number): number {
  if (level <= 1) return 1;
  return level === 2 ? 0.8 : 0.6;
}
