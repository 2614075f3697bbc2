/** Link targets the HTML report may put into an href: http(s) URLs and relative paths, nothing else. */

/**
 * The href for a URL from a document, or undefined when it must not become a link: a scheme other than
 * http(s) (javascript:, data:, file:, …), or a `//host` path whose scheme and host would come from elsewhere.
 */
export function safeHref(url: string): string | undefined {
  // Browsers drop tabs and newlines anywhere in a URL and controls and spaces around it, so "java\tscript:"
  // is "javascript:" to them: check the URL the way the browser will read it.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  // Browsers read "\" as "/" in http(s) URLs, so "/\host" is as protocol-relative as "//host".
  if (cleaned === "" || /^[/\\]{2}/.test(cleaned)) return undefined;
  // Anything before the first ":" that comes before a "/", "?" or "#" is a scheme (or, if malformed, refused).
  const scheme = /^([^/\\?#]*?):/.exec(cleaned)?.[1];
  if (scheme === undefined) return cleaned;
  return /^https?$/i.test(scheme) ? cleaned : undefined;
}
