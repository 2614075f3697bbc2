import MarkdownIt from "markdown-it";

/** The CommonMark parser every llms.txt is read with (no extensions: the format is plain CommonMark). */
export const markdown = new MarkdownIt("commonmark");

// markdown-it turns links with schemes it distrusts (file:, javascript:…) into plain text; we judge schemes ourselves and report them.
markdown.validateLink = () => true;

/** A link destination as its author wrote it, for messages: markdown-it hands it over percent-encoded. */
export function writtenDestination(href: string): string {
  try {
    return markdown.normalizeLinkText(href);
  } catch {
    return href;
  }
}
