/**
 * A deterministic documentation site for the pipeline benchmarks: an llms.txt, a landing page and N markdown
 * documents whose sizes spread like real docs (log-normal, 1–30 KB, about 2k tokens on average).
 */
import { seededRandom } from "./scenario.ts";

/** One file of the generated site. */
export interface CorpusFile {
  body: string;
  contentType: string;
}

/** A generated site: files by URL path, and the paths of its documents in index order. */
export interface Corpus {
  files: Map<string, CorpusFile>;
  documentPaths: string[];
  /** Bytes of every document together. */
  documentBytes: number;
}

/** Options of generateCorpus. */
export interface CorpusOptions {
  documents: number;
  /** Same seed, same site. */
  seed?: number;
  /** Median document size in bytes; 6,500 by default (a mean of about 8.5 KB, some 2k tokens). */
  medianBytes?: number;
}

const MIN_BYTES = 1_000;
const MAX_BYTES = 30_000;
// Spread of ln(size): with the default median, about one document in eight is over 15 KB.
const SIGMA = 0.75;
const SUBJECTS = [
  "webhook signing", "retry schedule", "dead letter queue", "rate limit", "idempotency key", "event replay", "endpoint secret", "delivery attempt",
  "api token", "pagination cursor", "batch export", "audit log", "role permission", "sandbox mode", "usage quota", "error code",
  "search index", "file upload", "session cookie", "single sign-on", "billing plan", "data residency", "schema migration", "client library",
];
const WORDS = [
  "configure", "request", "response", "header", "payload", "server", "client", "timeout", "value", "field", "default", "option", "returns",
  "call", "store", "account", "project", "environment", "production", "staging", "version", "update", "create", "delete", "list", "limit",
  "object", "status", "event", "queue", "worker", "deploy", "secure", "verify", "log", "metric", "alert", "dashboard", "console", "setting",
];

/** Generates the site: `/llms.txt`, `/` (landing page), `/robots.txt` and `/docs/<slug>.md` per document. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const random = seededRandom(options.seed ?? 20261201);
  const medianBytes = options.medianBytes ?? 6_500;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (subject: string) => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS));
    words.splice(Math.floor(random() * words.length), 0, `the ${subject}`);
    const text = words.join(" ");
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const files = new Map<string, CorpusFile>();
  const documentPaths: string[] = [];
  const links: string[] = [];
  let documentBytes = 0;
  for (let index = 0; index < options.documents; index += 1) {
    const first = SUBJECTS[index % SUBJECTS.length]!;
    const second = pick(SUBJECTS);
    const target = Math.round(Math.min(MAX_BYTES, Math.max(MIN_BYTES, medianBytes * Math.exp(SIGMA * normal(random)))));
    const title = `${capitalise(first)} guide ${index + 1}`;
    const parts = [`# ${title}\n\n${sentence(first)} ${sentence(second)}\n`];
    let size = parts[0]!.length;
    for (let section = 1; size < target; section += 1) {
      const subject = section % 3 === 0 ? second : first;
      const paragraph = Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(subject)).join(" ");
      const block =
        section % 2 === 0
          ? `\n## ${capitalise(subject)}: step ${section}\n\n${paragraph}\n\n\`\`\`ts\nclient.configure({ ${camel(subject)}: "${pick(WORDS)}", attempt: ${section} });\n\`\`\`\n`
          : `\n## ${capitalise(subject)} ${pick(WORDS)}s\n\n${paragraph}\n\n- ${sentence(subject)}\n- ${sentence(second)}\n`;
      parts.push(block);
      size += block.length;
    }
    const body = parts.join("");
    const path = `/docs/${first.replace(/[^a-z]+/g, "-")}-${index + 1}.md`;
    files.set(path, { body, contentType: "text/markdown; charset=utf-8" });
    documentPaths.push(path);
    documentBytes += Buffer.byteLength(body);
    links.push(`- [${title}](${path}): ${sentence(first)}`);
  }
  files.set("/llms.txt", { body: llmsTxt(links), contentType: "text/plain; charset=utf-8" });
  files.set("/", { body: landingPage(), contentType: "text/html; charset=utf-8" });
  files.set("/robots.txt", { body: "User-agent: *\nAllow: /\n", contentType: "text/plain; charset=utf-8" });
  return { files, documentPaths, documentBytes };
}

function llmsTxt(links: string[]): string {
  const sections: string[] = [];
  // Sections of 50 links, as large sites group their docs.
  for (let start = 0; start < links.length; start += 50) sections.push(`## Section ${start / 50 + 1}\n\n${links.slice(start, start + 50).join("\n")}`);
  return `# Bench Platform\n\n> An event delivery platform: webhooks, retries and queues for product teams.\n\nGenerated for the document-it benchmark.\n\n${sections.join("\n\n")}\n`;
}

function landingPage(): string {
  const features = SUBJECTS.slice(0, 8).map((subject) => `<li>${capitalise(subject)}: built in, configured per project.</li>`).join("");
  return `<!doctype html><html><head><title>Bench Platform</title></head><body><h1>Bench Platform</h1><p>Deliver events to your customers reliably.</p><h2>Features</h2><ul>${features}</ul></body></html>`;
}

// Box–Muller: a standard normal value from two uniform ones.
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function capitalise(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

function camel(text: string): string {
  return text.replace(/[^a-z]+([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
