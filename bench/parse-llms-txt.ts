import { parseLlmsTxt } from "../src/llms-txt/index.ts";
import { type BenchScenario, median, seededRandom } from "./scenario.ts";

const TARGET_BYTES = 5_000_000;
const LINKS = 5_000;
const SECTIONS = 100;
const RUNS = 5;
const WORDS = ["webhook", "delivery", "endpoint", "retry", "signature", "event", "queue", "payload", "header", "secret", "backoff", "limit", "replay", "idempotent", "subscription", "attempt"];

/** Parses a generated 5 MB llms.txt with 5,000 links and prose, five times; reports the median time and throughput. */
export const parseLlmsTxtScenario: BenchScenario = {
  name: "parse-llms-txt",
  description: `parseLlmsTxt on a generated ${TARGET_BYTES / 1e6} MB llms.txt with ${LINKS} links and prose, median of ${RUNS} runs`,
  async run() {
    const text = generateLlmsTxt();
    const bytes = Buffer.byteLength(text);
    const timings: number[] = [];
    let links = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const parsed = parseLlmsTxt(text, { baseUrl: "https://bench.example/docs/llms.txt" });
      timings.push(performance.now() - started);
      links = parsed.orderedSections.reduce((total, section) => total + section.links.length, 0);
    }
    // A parser that lost links would look fast; the figure only counts when it read them all.
    if (links !== LINKS) throw new Error(`expected ${LINKS} links, the parser found ${links}`);
    const medianMs = median(timings);
    return { bytes, links, runs: RUNS, "median ms": round(medianMs), "min ms": round(Math.min(...timings)), "MB/s": round(bytes / 1e6 / (medianMs / 1000)) };
  },
};

/** A deterministic llms.txt of about TARGET_BYTES: sections of `-`, `*` and relative links, prose, code and H3s. */
export function generateLlmsTxt(): string {
  const random = seededRandom(20260829);
  const words = (count: number) => Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(" ");
  const parts = ["# Bench Docs\n\n", `> ${words(40)}.\n\n`, `${words(120)}.\n\n`];
  let size = parts.reduce((total, part) => total + part.length, 0);
  const linksPerSection = LINKS / SECTIONS;
  for (let section = 0; section < SECTIONS; section += 1) {
    const sectionParts = [`## Section ${section + 1}\n\n`];
    for (let item = 0; item < linksPerSection; item += 1) {
      const number = section * linksPerSection + item;
      const bullet = item % 3 === 1 ? "*" : "-";
      const url = item % 10 === 0 ? `pages/page-${number}.md` : `https://bench.example/docs/page-${number}.md`;
      sectionParts.push(`${bullet} [Page ${number} ${words(3)}](${url}): ${words(8 + Math.floor(random() * 12))}\n`);
      if (item === linksPerSection / 2) sectionParts.push(`\n### More about ${words(2)}\n\n`);
    }
    sectionParts.push("\n```ts\n## not a heading\nconst link = \"[x](https://bench.example/x.md)\";\n```\n\n");
    size += sectionParts.reduce((total, part) => total + part.length, 0);
    // Prose fills each section up to its share of the target size.
    const sectionTarget = (TARGET_BYTES * (section + 1)) / SECTIONS;
    while (size < sectionTarget) {
      const paragraph = `${words(60)}.\n\n`;
      sectionParts.push(paragraph);
      size += paragraph.length;
    }
    parts.push(...sectionParts);
  }
  return parts.join("");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
