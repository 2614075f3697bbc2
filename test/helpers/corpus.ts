import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SUBJECTS = ["webhook signing", "retry schedule", "dead letter queue", "rate limit", "idempotency key", "event replay", "endpoint secret", "delivery attempt"];

/** Options of writeCorpus. */
export interface CorpusOptions {
  folder: string;
  documents: number;
  /** Approximate size of each document in bytes. */
  bytes: number;
}

/**
 * Writes a deterministic folder of markdown documents: each has an H1, a few sections about two of a fixed set of
 * subjects (so topics are shared across documents) and a code block, repeated up to the size asked.
 */
export function writeCorpus(options: CorpusOptions): string[] {
  mkdirSync(options.folder, { recursive: true });
  const files: string[] = [];
  for (let index = 0; index < options.documents; index += 1) {
    const first = SUBJECTS[index % SUBJECTS.length]!;
    const second = SUBJECTS[(index + 3) % SUBJECTS.length]!;
    const parts = [
      `# Guide ${index + 1}: ${first}\n`,
      `This page explains the ${first} and how the ${second} relates to it. Configure the ${first} before you send production traffic.\n`,
      `## Using the ${first}\n`,
      `1. Create the ${first} in the dashboard.\n2. Call the API with the ${first} enabled.\n3. Verify the ${second} in the logs.\n`,
      "```ts\n" + `client.configure({ subject: "${first}", attempt: ${index} });\n` + "```\n",
      `## Pitfalls of the ${second}\n`,
      `Note: never disable the ${second} while deliveries are pending. Avoid sharing one ${first} across environments.\n`,
    ];
    // A longer page repeats the same sections, so it has more text in the same proportions and no new topics.
    const sections = parts.slice(2).join("\n");
    let body = parts.join("\n");
    while (body.length < options.bytes) body += `\n${sections}`;
    const file = join(options.folder, `guide-${String(index + 1).padStart(3, "0")}.md`);
    writeFileSync(file, body);
    files.push(file);
  }
  return files;
}
