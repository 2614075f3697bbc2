/** One allow or disallow line of a robots.txt group. */
export interface RobotsRule {
  allow: boolean;
  /** The path pattern, `*` and a final `$` allowed. */
  pattern: string;
}

/** What a robots.txt says about one crawler. */
export type RobotsVerdict =
  | { kind: "rules"; rules: RobotsRule[] }
  | { kind: "allow-all" }
  | { kind: "disallow-all"; reason: string };

interface Group {
  agents: string[];
  rules: RobotsRule[];
}

/**
 * The rules a robots.txt (RFC 9309) gives the crawler named `productToken`: every group naming it, merged, else
 * every `*` group, else none.
 */
export function parseRobotsTxt(text: string, productToken: string): RobotsRule[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, "").trim();
    const separator = line.indexOf(":");
    if (separator < 0) continue;
    const key = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    if (key === "user-agent") {
      // Consecutive user-agent lines share one group; one after a rule starts the next.
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if ((key === "allow" || key === "disallow") && current) {
      // An empty disallow allows everything: it is no rule at all.
      if (value) current.rules.push({ allow: key === "allow", pattern: value });
      lastWasAgent = false;
    } else lastWasAgent = false;
  }
  const token = productToken.toLowerCase();
  const own = groups.filter((group) => group.agents.some((agent) => agent === token || agent.startsWith(`${token}/`)));
  const chosen = own.length > 0 ? own : groups.filter((group) => group.agents.includes("*"));
  return chosen.flatMap((group) => group.rules);
}

/** True when `path` (path and query) may be fetched: the longest matching rule decides, allow winning a tie. */
export function isPathAllowed(rules: readonly RobotsRule[], path: string): boolean {
  let best: RobotsRule | undefined;
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieWonByAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieWonByAllow) best = rule;
  }
  return best?.allow ?? true;
}

/** True when the verdict lets the crawler fetch `path`. */
export function robotsAllow(verdict: RobotsVerdict, path: string): boolean {
  if (verdict.kind === "allow-all") return true;
  if (verdict.kind === "disallow-all") return false;
  return isPathAllowed(verdict.rules, path);
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}${anchored ? "$" : ""}`).test(path);
}
