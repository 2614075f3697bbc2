/** One link of an HTTP `Link` header (RFC 8288). */
export interface HeaderLink {
  /** Absolute URL. */
  url: string;
  /** Relation types, lower case (`rel="describedby alternate"` gives two). */
  rel: string[];
  /** The `type` parameter, lower case, when given. */
  type?: string;
}

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
const PARAMETER = /;\s*([^;,=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?/g;

/** Parses a `Link` header into absolute links; unparsable targets are left out. */
export function parseLinkHeader(value: string | undefined, baseUrl: string): HeaderLink[] {
  if (!value) return [];
  const links: HeaderLink[] = [];
  for (const match of value.matchAll(LINK_VALUE)) {
    let url: string;
    try {
      url = new URL(match[1]!.trim(), baseUrl).href;
    } catch {
      continue;
    }
    const parameters = new Map<string, string>();
    for (const parameter of (match[2] ?? "").matchAll(PARAMETER)) {
      const name = parameter[1]!.toLowerCase();
      // RFC 8288: only the first occurrence of a parameter counts.
      if (!parameters.has(name)) parameters.set(name, (parameter[2] ?? parameter[3] ?? "").trim());
    }
    const rel = (parameters.get("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const type = parameters.get("type")?.toLowerCase();
    links.push({ url, rel, ...(type ? { type } : {}) });
  }
  return links;
}
