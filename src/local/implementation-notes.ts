import type { ImplementationNote } from "../types.ts";
import { stripInlineMarkdown } from "./inline-markdown.ts";
import { sectionTitle, type PreparedDocument, type PreparedSection } from "./prepared-document.ts";
import { isImperativeSentence } from "./vocabulary.ts";

const MAX_STEPS = 12;

/**
 * One note per section that holds an ordered list (its items are the steps) or, failing that, at least two
 * instructions ("Install the SDK.", "Call `verify`."). The preamble's note takes the document title.
 */
export function extractImplementationNotes(prepared: PreparedDocument): ImplementationNote[] {
  const notes: ImplementationNote[] = [];
  for (const section of prepared.sections) {
    const steps = orderedListSteps(section);
    const chosen = steps.length > 0 ? steps : instructionSteps(section);
    if (chosen.length === 0) continue;
    notes.push({ title: sectionTitle(prepared, section), steps: chosen.slice(0, MAX_STEPS), heading: section.heading, anchor: section.anchor });
  }
  return notes;
}

function orderedListSteps(section: PreparedSection): string[] {
  const items = section.blocks.flatMap((block) => (block.kind === "list-item" && block.ordered ? [block] : []));
  // Nested ordered lists are details of a step, not steps of their own.
  const outerDepth = items.reduce((lowest, item) => Math.min(lowest, item.depth), Number.POSITIVE_INFINITY);
  return items
    .filter((item) => item.depth === outerDepth)
    .map((item) => stripInlineMarkdown(item.text))
    .filter((text) => text !== "");
}

function instructionSteps(section: PreparedSection): string[] {
  const instructions = section.sentences.filter((sentence) => !sentence.text.endsWith("?") && isImperativeSentence(sentence.text));
  return instructions.length >= 2 ? instructions.map((sentence) => sentence.text) : [];
}
