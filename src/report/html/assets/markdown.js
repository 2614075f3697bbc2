// Markdown-ish rendering of document text: code spans, links and **strong** inline; paragraphs, lists,
// headings and fenced code as blocks. Anything else, raw HTML included, stays literal text.

// A code span, a [text](url) link, or **strong** text.
const INLINE_TOKEN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|\*\*([^*\n]+)\*\*/g;

/** Nodes for one line of markdown-ish text. */
function renderInline(text) {
  const nodes = [];
  const source = String(text);
  let position = 0;
  for (const match of source.matchAll(INLINE_TOKEN)) {
    if (match.index > position) nodes.push(source.slice(position, match.index));
    if (match[1] !== undefined) nodes.push(h("code", {}, match[2].trim() === "" ? match[2] : match[2].replace(/^ (.*) $/s, "$1")));
    else if (match[3] !== undefined) nodes.push(externalLink(match[3], match[4]));
    else nodes.push(h("strong", {}, match[5]));
    position = match.index + match[0].length;
  }
  if (position < source.length) nodes.push(source.slice(position));
  return nodes;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

function readFence(lines, start, fence) {
  const code = [];
  let index = start + 1;
  for (; index < lines.length; index += 1) {
    const closing = FENCE.exec(lines[index]);
    if (closing !== null && closing[1][0] === fence[0] && closing[1].length >= fence.length && lines[index].trim() === closing[1]) break;
    code.push(lines[index]);
  }
  return { element: h("pre", {}, h("code", {}, code.join("\n"))), next: index + 1 };
}

function readList(lines, start) {
  const ordered = LIST_ITEM.exec(lines[start])[2] !== undefined;
  const items = [];
  let index = start;
  for (; index < lines.length; index += 1) {
    const item = LIST_ITEM.exec(lines[index]);
    if (item === null || (item[2] !== undefined) !== ordered) break;
    items.push(h("li", {}, renderInline(item[3])));
  }
  const first = ordered ? Number(LIST_ITEM.exec(lines[start])[2]) : undefined;
  return { element: h(ordered ? "ol" : "ul", { start: first !== undefined && first !== 1 ? first : undefined }, items), next: index };
}

/** Elements for a block of markdown-ish text. */
function renderBlocks(markdown) {
  const lines = String(markdown).replace(/\r\n?/g, "\n").split("\n");
  const blocks = [];
  let paragraph = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(h("p", {}, renderInline(paragraph.join(" "))));
    paragraph = [];
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (line.trim() === "") {
      flush();
      index += 1;
    } else if (fence !== null) {
      flush();
      const block = readFence(lines, index, fence[1]);
      blocks.push(block.element);
      index = block.next;
    } else if (LIST_ITEM.test(line)) {
      flush();
      const block = readList(lines, index);
      blocks.push(block.element);
      index = block.next;
    } else if (heading !== null) {
      flush();
      blocks.push(h("h4", {}, renderInline(heading[1])));
      index += 1;
    } else {
      paragraph.push(line.trim());
      index += 1;
    }
  }
  flush();
  return blocks;
}
