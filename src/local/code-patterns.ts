import type { CodeBlock, CodePattern } from "../types.ts";
import { closeSentence } from "./sentences.ts";
import { sectionTitle, type PreparedDocument, type PreparedSection } from "./prepared-document.ts";

const MAX_PATTERNS = 8;

/**
 * One pattern per code block (at most 8), named after its section and explained by the last prose sentence
 * before the block in that section (else the section's first sentence).
 */
export function extractCodePatterns(prepared: PreparedDocument): CodePattern[] {
  const usedBlocks = new Map<number, Set<number>>();
  const patterns = prepared.document.codeBlocks.slice(0, MAX_PATTERNS).map((codeBlock): CodePattern => {
    const section = prepared.sections.find((candidate) => candidate.anchor === codeBlock.anchor) ?? prepared.sections[0];
    if (section === undefined) {
      return { name: prepared.document.title, language: codeBlock.language, code: codeBlock.code, whenToUse: "", heading: "", anchor: codeBlock.anchor };
    }
    const used = usedBlocks.get(section.index) ?? new Set<number>();
    usedBlocks.set(section.index, used);
    const blockIndex = locateBlock(section, codeBlock, used);
    const before = blockIndex === undefined ? [] : section.sentences.filter((sentence) => sentence.blockIndex < blockIndex);
    const explanation = before.at(-1)?.text ?? section.sentences[0]?.text ?? "";
    return {
      name: sectionTitle(prepared, section),
      language: codeBlock.language,
      code: codeBlock.code,
      whenToUse: closeSentence(explanation),
      heading: section.heading,
      anchor: section.anchor,
    };
  });
  return disambiguateNames(patterns);
}

function locateBlock(section: PreparedSection, codeBlock: CodeBlock, used: Set<number>): number | undefined {
  const free = section.blocks.flatMap((block, index) => (block.kind === "code" && !used.has(index) ? [{ block, index }] : []));
  const match = free.find(({ block }) => block.kind === "code" && block.code.trim() === codeBlock.code.trim()) ?? free[0];
  if (match !== undefined) used.add(match.index);
  return match?.index;
}

// Several blocks under one heading get the language, then an ordinal, so every name is unique.
function disambiguateNames(patterns: CodePattern[]): CodePattern[] {
  return patterns.map((pattern) => {
    const sameName = patterns.filter((other) => other.name === pattern.name);
    if (sameName.length === 1) return pattern;
    const sameLanguage = sameName.filter((other) => other.language === pattern.language);
    if (pattern.language !== "" && sameLanguage.length === 1) return { ...pattern, name: `${pattern.name} (${pattern.language})` };
    const ordinal = sameLanguage.indexOf(pattern) + 1;
    const label = pattern.language !== "" ? `${pattern.language} ${ordinal}` : `${ordinal}`;
    return { ...pattern, name: `${pattern.name} (${label})` };
  });
}
