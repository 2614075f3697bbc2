import type { DocumentSection, SourceReference } from "../types.ts";

/** Lower case, inline markdown and `#` marks removed, whitespace collapsed, trailing punctuation dropped. */
function normaliseHeading(heading: string): string {
  return heading
    .replace(/^#+\s*/, "")
    .replace(/[`*_~]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/[\s:.!?]+$/, "")
    .trim()
    .toLowerCase();
}

/**
 * The section a model's heading names: the exact heading (ignoring case, markdown and `#` marks), else the
 * one heading that contains it or is contained in it, else the document's start (`heading` and `anchor` "").
 */
export function resolveSection(sections: readonly DocumentSection[], heading: string): SourceReference {
  const wanted = normaliseHeading(heading);
  if (wanted === "") return { heading: "", anchor: "" };
  const named = sections.filter((section) => section.heading !== "");
  const exact = named.find((section) => normaliseHeading(section.heading) === wanted);
  if (exact) return { heading: exact.heading, anchor: exact.anchor };
  const partial = named.filter((section) => {
    const candidate = normaliseHeading(section.heading);
    return candidate.includes(wanted) || wanted.includes(candidate);
  });
  // Two partial matches are a guess between them; the document's start is the honest answer then.
  if (partial.length === 1) return { heading: partial[0]!.heading, anchor: partial[0]!.anchor };
  return { heading: "", anchor: "" };
}
