/**
 * A RegExp for a glob on URL paths: `*` matches within one path segment, `**` across segments (`**` followed by `/`
 * also matches no segment), `?` one character other than `/`. A glob that does not start with `/` may match at any
 * folder depth, so `guides/*` matches `/docs/guides/retries.md`.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.startsWith("/") ? glob : `**/${glob}`;
  let source = "";
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index]!;
    if (character === "*" && pattern[index + 1] === "*") {
      const beforeSlash = pattern[index + 2] === "/";
      source += beforeSlash ? "(?:.*/)?" : ".*";
      index += beforeSlash ? 2 : 1;
    } else if (character === "*") source += "[^/]*";
    else if (character === "?") source += "[^/]";
    else source += character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** The path of a URL, percent-decoded where possible, as globs see it. */
export function globPathOf(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return url;
  }
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
