/** Lower-case ASCII slug of `text`: letters, digits and single hyphens ("" when nothing is left). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

/** GitHub-style heading anchors, unique within one document (`a`, `a-1`, `a-2`). */
export function createAnchorSlugger(): (heading: string) => string {
  const used = new Set<string>();
  const counters = new Map<string, number>();
  return (heading) => {
    const base =
      heading
        .toLowerCase()
        .trim()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-") || "section";
    let anchor = base;
    let count = counters.get(base) ?? 0;
    // A numbered anchor may already be another heading's own ("a", "a", "a-1"): skip taken names.
    while (used.has(anchor)) anchor = `${base}-${++count}`;
    counters.set(base, count);
    used.add(anchor);
    return anchor;
  };
}

/**
 * Unique output file stems for a list of URLs: the URL path without extension, made relative to the
 * folder all URLs share, then slugified; collisions (also those differing only by case) get -2, -3…
 */
export function uniqueSlugs(urls: string[]): string[] {
  const paths = urls.map((url) => {
    try {
      const parsed = new URL(url);
      return decodeURIComponent(parsed.pathname).replace(/\/+$/, "/index").replace(/\.[a-z0-9]+$/i, "");
    } catch {
      return url;
    }
  });
  const prefix = commonFolder(paths);
  const used = new Set<string>();
  return paths.map((path) => {
    const base = slugify(path.slice(prefix.length)) || slugify(path) || "document";
    let slug = base;
    for (let suffix = 2; used.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    used.add(slug);
    return slug;
  });
}

function commonFolder(paths: string[]): string {
  if (paths.length === 0) return "";
  let prefix = paths[0]!.slice(0, paths[0]!.lastIndexOf("/") + 1);
  for (const path of paths) {
    while (prefix && !path.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf("/", prefix.length - 2) + 1);
  }
  return prefix;
}
