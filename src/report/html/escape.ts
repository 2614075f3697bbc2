/** Escaping for the two places document text meets the HTML report's markup: element text and a JSON script block. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

// `<` and `>` would let "</script>" or "<!--" end or change the script element; `&` keeps the text free of
// anything that reads as an entity to a tool that treats the block as HTML; U+2028/2029 end a line in older
// JavaScript parsers. Each becomes a JSON \u escape, so JSON.parse returns the very same string.
const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON for the body of a `<script type="application/json">` element: no character of it can end the element. */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => SCRIPT_ESCAPES[character]!);
}
