/** Untrusted text fenced as data in prompts: `<document id="…" url="…">…</document>` with no way out of the fence. */

/** Element names the prompts use as fences; none of them may open or close inside fenced text. */
const FENCE_NAMES = ["document", "context", "previous-answer"] as const;

const FENCE_TAG = new RegExp(`<(\\s*/?\\s*)(${FENCE_NAMES.join("|")})(?=[\\s>/]|$)`, "gi");

/** Escapes a value for a double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replace(/[\r\n\t]+/g, " ");
}

/**
 * Neutralises every opening or closing fence tag inside untrusted text (`</document>` becomes
 * `&lt;/document>`), so a document can neither end its own fence nor open a fake one.
 */
export function neutraliseFenceTags(text: string): string {
  return text.replace(FENCE_TAG, (_match, slash: string, name: string) => `&lt;${slash}${name}`);
}

/** Wraps untrusted text in a fence element with the given attributes (in the given order). */
export function fence(name: (typeof FENCE_NAMES)[number], attributes: ReadonlyArray<readonly [string, string | number]>, text: string): string {
  const rendered = attributes.map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`).join("");
  return `<${name}${rendered}>\n${neutraliseFenceTags(text.trim())}\n</${name}>`;
}
