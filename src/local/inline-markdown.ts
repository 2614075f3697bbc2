const HTML_ENTITIES: ReadonlyMap<string, string> = new Map([
  ["&amp;", "&"], ["&lt;", "<"], ["&gt;", ">"], ["&quot;", '"'], ["&#39;", "'"], ["&apos;", "'"], ["&nbsp;", " "],
]);

const INLINE_CODE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/gu;

/**
 * Reduces inline markdown to plain prose: `[text](url)` and images become their text, emphasis and HTML tags
 * go, entities are decoded. Inline code keeps its backticks and its content is left as written.
 */
export function stripInlineMarkdown(text: string): string {
  const withoutLinks = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/gu, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, "$1")
    .replace(/\[\^[^\]]+\]/gu, "")
    .replace(/^\s*\[!(\w+)\]\s*/u, (_match, kind: string) => `${capitalize(kind.toLowerCase())}: `);
  let result = "";
  let last = 0;
  for (const match of withoutLinks.matchAll(INLINE_CODE)) {
    result += stripOutsideCode(withoutLinks.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  result += stripOutsideCode(withoutLinks.slice(last));
  return result.replace(/\s+/gu, " ").trim();
}

/** The texts a writer stressed: **bold** or __bold__ spans and `inline code` spans, markup removed. */
export function emphasisedTexts(text: string): string[] {
  const texts: string[] = [];
  for (const match of text.matchAll(/\*\*([^*]+)\*\*|__([^_]+)__/gu)) texts.push((match[1] ?? match[2] ?? "").trim());
  for (const match of text.matchAll(INLINE_CODE)) texts.push((match[2] ?? "").trim());
  return texts.filter((emphasised) => emphasised !== "");
}

function stripOutsideCode(text: string): string {
  return text
    .replace(/<(https?:\/\/[^>\s]+)>/gu, "$1")
    .replace(/<\/?[A-Za-z][^>]*>|<!--[\s\S]*?-->/gu, "")
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/gu, (_match, star?: string, underscore?: string) => star ?? underscore ?? "")
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?=[^\w*]|$)/gu, "$1$2")
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?=[^\w]|$)/gu, "$1$2")
    .replace(/~~([^~]+)~~/gu, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/gu, "$1")
    .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/gu, (entity) => HTML_ENTITIES.get(entity) ?? entity);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
