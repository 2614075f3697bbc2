// DOM building blocks. Every piece of document text reaches the page as a text node or through an attribute
// set here, never as markup: nothing in this report parses HTML at run time.

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
// Attributes a caller may set; "href" goes through safeHref, and no event handler attribute is ever set.
const ALLOWED_ATTRIBUTES = new Set(["class", "id", "title", "href", "rel", "target", "lang", "role", "aria-label",
  "aria-current", "cx", "cy", "r", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "viewBox", "text-anchor",
  "dominant-baseline", "data-kind", "data-id", "tabindex", "start"]);

// The same rule as src/report/html/safe-url.ts: http(s) and relative URLs only.
function safeHref(url) {
  const cleaned = String(url).replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (cleaned === "" || /^[/\\]{2}/.test(cleaned)) return undefined;
  const scheme = /^([^/\\?#]*?):/.exec(cleaned);
  if (scheme === null) return cleaned;
  return /^https?$/i.test(scheme[1]) ? cleaned : undefined;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (!ALLOWED_ATTRIBUTES.has(name)) throw new Error(`attribute not allowed: ${name}`);
    if (name === "href") {
      const href = safeHref(value);
      if (href !== undefined) element.setAttribute("href", href);
      continue;
    }
    element.setAttribute(name, String(value));
  }
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return element;
}

/** An HTML element with checked attributes; string children become text nodes. */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  return append(element, children);
}

/** An SVG element with checked attributes; string children become text nodes. */
function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NAMESPACE, tag);
  setAttributes(element, attributes);
  return append(element, children);
}

/**
 * A link to a source outside the report, or plain text when its URL is not absolute http(s): a relative link
 * from a document points into the documentation's folder, which is not where the report lives.
 */
function externalLink(text, url) {
  const href = url === undefined ? undefined : safeHref(url);
  if (href === undefined || !/^https?:/i.test(href)) return h("span", { title: url }, text);
  return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}

/** A link that opens a topic or a document in place. */
function itemLink(kind, id, text) {
  return h("a", { href: itemHash(kind, id) }, text);
}

/** The location hash that shows one topic or document. */
function itemHash(kind, id) {
  return `#${kind}=${encodeURIComponent(id)}`;
}

/** A section with a heading, or nothing when it has no content. */
function section(heading, ...content) {
  const parts = content.flat().filter((part) => part !== undefined && part !== null && part !== false);
  if (parts.length === 0) return undefined;
  return h("section", {}, h("h3", {}, heading), parts);
}
