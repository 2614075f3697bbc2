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
 * folder all URLs share, then slugified. Collisions (also those differing only by case) are settled by
 * the URLs themselves, not their order in the list: an all-lower-case URL first, then the shorter, then
 * by code points; the first keeps the stem, the others get -2, -3…, skipping stems another URL owns.
 * So reordering an index renames no file.
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
  const bases = paths.map((path) => slugify(path.slice(prefix.length)) || slugify(path) || "document");
  const claimants = new Map<string, number[]>();
  bases.forEach((base, position) => claimants.set(base, [...(claimants.get(base) ?? []), position]));
  const used = new Set(bases);
  const slugs = [...bases];
  for (const [base, positions] of [...claimants].sort(([first], [second]) => compareText(first, second))) {
    const [, ...others] = positions.sort((first, second) => rankUrls(urls[first]!, urls[second]!) || first - second);
    let suffix = 2;
    for (const position of others) {
      while (used.has(`${base}-${suffix}`)) suffix += 1;
      slugs[position] = `${base}-${suffix}`;
      used.add(slugs[position]);
    }
  }
  return slugs;
}

function compareText(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}

// The plainest spelling keeps the bare stem: "a.md" before "a.html" before "A.md".
function rankUrls(first: string, second: string): number {
  const mixedCase = (url: string) => (url === url.toLowerCase() ? 0 : 1);
  return mixedCase(first) - mixedCase(second) || first.length - second.length || compareText(first, second);
}

function commonFolder(paths: string[]): string {
  if (paths.length === 0) return "";
  let prefix = paths[0]!.slice(0, paths[0]!.lastIndexOf("/") + 1);
  for (const path of paths) {
    while (prefix && !path.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf("/", prefix.length - 2) + 1);
  }
  return prefix;
}
