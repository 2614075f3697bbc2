/** Spellings that plain capitalisation gets wrong. */
const SPECIAL_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["ai", "AI"], ["api", "API"], ["aws", "AWS"], ["cdn", "CDN"], ["ci", "CI"], ["cli", "CLI"], ["cors", "CORS"],
  ["csv", "CSV"], ["dns", "DNS"], ["faq", "FAQ"], ["gcp", "GCP"], ["github", "GitHub"], ["graphql", "GraphQL"], ["grpc", "gRPC"],
  ["hmac", "HMAC"], ["hmac-sha256", "HMAC-SHA256"], ["html", "HTML"], ["http", "HTTP"], ["https", "HTTPS"],
  ["id", "ID"], ["ios", "iOS"], ["ip", "IP"], ["javascript", "JavaScript"], ["json", "JSON"], ["jwt", "JWT"],
  ["llm", "LLM"], ["macos", "macOS"], ["mcp", "MCP"], ["mfa", "MFA"], ["mongodb", "MongoDB"], ["mysql", "MySQL"],
  ["npm", "npm"], ["oauth", "OAuth"], ["openai", "OpenAI"], ["pdf", "PDF"], ["postgresql", "PostgreSQL"],
  ["rest", "REST"], ["rsa", "RSA"], ["saml", "SAML"], ["sdk", "SDK"], ["sha256", "SHA256"], ["sms", "SMS"],
  ["sql", "SQL"], ["ssh", "SSH"], ["ssl", "SSL"], ["sso", "SSO"], ["tcp", "TCP"], ["tls", "TLS"], ["ttl", "TTL"],
  ["typescript", "TypeScript"], ["ui", "UI"], ["uri", "URI"], ["url", "URL"], ["uuid", "UUID"], ["xml", "XML"],
  ["yaml", "YAML"],
]);

const MINOR_WORDS: ReadonlySet<string> = new Set(["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]);

/** Title-cases lowercase words ("webhook signing" → "Webhook Signing", "api key" → "API Key"). */
export function titleCase(words: readonly string[]): string {
  return words
    .map((word, position) => {
      const special = SPECIAL_SPELLINGS.get(word);
      if (special !== undefined) return special;
      if (position > 0 && MINOR_WORDS.has(word)) return word;
      return word.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("-");
    })
    .join(" ");
}
