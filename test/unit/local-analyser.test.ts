import { describe, expect, it } from "vitest";
import {
  createLocalAnalyser,
  isStopword,
  markdownToProse,
  parseMarkdownBlocks,
  phraseKey,
  singularize,
  splitSentences,
  stripInlineMarkdown,
  titleCase,
  tokenize,
} from "../../src/local/index.ts";
import type { AnalysisDocument, CodeBlock, DocumentSection, DocumentSummary, GlobalContext, Statement, SynthesisInput, Topic, TopicGuideline } from "../../src/types.ts";

const context: GlobalContext = { version: 1, name: "Acme", description: "Acme sends webhooks.", details: "", features: [], terminology: [], history: [] };

/** Builds an analysis document the way extract does: sections cut at ATX headings, fenced blocks collected. */
function makeDocument(id: string, markdown: string): AnalysisDocument {
  const sections: DocumentSection[] = [];
  const codeBlocks: CodeBlock[] = [];
  let current: DocumentSection = { heading: "", level: 0, anchor: "", markdown: "" };
  let lines: string[] = [];
  let fence: { language: string; lines: string[] } | undefined;
  const close = (): void => {
    const text = lines.join("\n").trim();
    if (current.heading !== "" || text !== "") sections.push({ ...current, markdown: text });
  };
  for (const line of markdown.split("\n")) {
    const fenceMatch = /^```(\S*)/.exec(line);
    if (fenceMatch !== null) {
      if (fence === undefined) fence = { language: fenceMatch[1] ?? "", lines: [] };
      else {
        codeBlocks.push({ language: fence.language, code: fence.lines.join("\n"), anchor: current.anchor });
        fence = undefined;
      }
      lines.push(line);
      continue;
    }
    if (fence !== undefined) {
      fence.lines.push(line);
      lines.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading === null) {
      lines.push(line);
      continue;
    }
    close();
    const text = (heading[2] ?? "").trim();
    current = { heading: text, level: heading[1]?.length ?? 1, anchor: text.toLowerCase().replace(/[^\w\s-]/g, "").replace(/\s+/g, "-"), markdown: "" };
    lines = [];
  }
  close();
  const title = /^# (.*)$/m.exec(markdown)?.[1] ?? id;
  return { id, url: `https://docs.acme.test/${id}`, title, section: "Docs", markdown, sections, codeBlocks };
}

const signingDocument = makeDocument(
  "signing",
  `# Webhook signing

Acme signs every webhook request with an HMAC signature. Verifying the webhook signature proves that the request came from Acme and was not modified. Receivers should reject any request with an invalid signature.

## Verify a signature

Use the \`verifySignature\` helper when you receive a webhook request:

\`\`\`ts
import { verifySignature } from "@acme/sdk";
const event = verifySignature(body, headers, secret);
\`\`\`

Never parse the body before verifying the webhook signature.

## Rotating secrets

1. Create a new signing secret in the [dashboard](https://acme.test/dashboard).
2. Deploy the new secret to your receivers.
3. Delete the old secret after 24 hours.

## Header reference

| Header | Description |
| --- | --- |
| Acme-Signature | The HMAC signature of the webhook body |
`,
);

const retriesDocument = makeDocument(
  "retries",
  `# Retries and backoff

Acme retries failed webhook deliveries with exponential backoff. A delivery is retried up to eight times over one day, e.g. after a timeout or a 5xx response.

## Retry schedule

Retries use a base delay of 30 seconds and a multiplier of 4. Use the retry schedule to decide how long a receiver may stay offline. Retries stop after the last attempt, and the delivery moves to the dead-letter queue.

\`\`\`bash
ACME_RETRY_BASE_DELAY=30s
ACME_RETRY_MULTIPLIER=4
\`\`\`

Warning: do not answer retries with 200 before the event is stored.

## Designing a receiver for retries

1. Verify the webhook signature.
2. Store the event and return 2xx within one second.
3. Deduplicate retries on the event ID.
`,
);

describe("text utilities", () => {
  it("splits sentences without breaking abbreviations, versions or inline code", () => {
    expect(splitSentences("Use a client, e.g. the SDK. It supports v1.2 and `a. B` spans! Is it done? Yes.\n\nNew paragraph")).toEqual([
      "Use a client, e.g. the SDK.",
      "It supports v1.2 and `a. B` spans!",
      "Is it done?",
      "Yes.",
      "New paragraph",
    ]);
    expect(splitSentences("Compare it with i.e. SHA256. Then stop. Contact Dr. Smith today.")).toEqual([
      "Compare it with i.e. SHA256.",
      "Then stop.",
      "Contact Dr. Smith today.",
    ]);
  });

  it("reduces inline markdown to prose but keeps inline code", () => {
    expect(stripInlineMarkdown("See the [SDK reference](../sdk.md#verify) and **bold** _text_ with `snake_case_name` and ![logo](a.png).")).toBe(
      "See the SDK reference and bold text with `snake_case_name` and logo.",
    );
    expect(stripInlineMarkdown("[!WARNING] Keep <b>secrets</b> safe &amp; private")).toBe("Warning: Keep secrets safe & private");
  });

  it("turns markdown into prose without code, tables, headings or HTML", () => {
    const markdown = [
      "# Title",
      "",
      "First [paragraph](https://x.test) here.",
      "",
      "```js",
      "const secret = 1;",
      "```",
      "",
      "| a | b |",
      "| --- | --- |",
      "| 1 | 2 |",
      "",
      "<div>html block</div>",
      "",
      "- item one",
      "- item two",
      "",
      "> quoted text",
    ].join("\n");
    expect(markdownToProse(markdown)).toBe("First paragraph here.\n\nitem one\n\nitem two\n\nquoted text");
  });

  it("parses ordered lists, nested fences and indented continuations into blocks", () => {
    const blocks = parseMarkdownBlocks("1. Install:\n   ```bash\n   npm i acme\n   ```\n2. Call it\n   with options.\n\nDone.");
    expect(blocks).toEqual([
      { kind: "list-item", ordered: true, depth: 0, text: "Install:" },
      { kind: "code", language: "bash", code: "npm i acme" },
      { kind: "list-item", ordered: true, depth: 0, text: "Call it with options." },
      { kind: "paragraph", text: "Done." },
    ]);
  });

  it("handles CRLF, setext headings, indented and unclosed code, nested lists and GitHub alerts", () => {
    const markdown = [
      "Title", "=====", "", "Intro line one", "line two.", "", "    indented code", "", "- a", "  - nested", "",
      "> [!NOTE]", "> Keep it.", "", "Sub", "---", "", "***", "", "[ref]: https://x.test", "", "```js", "unclosed",
    ].join("\r\n");
    expect(parseMarkdownBlocks(markdown).map((block) => block.kind)).toEqual(["heading", "paragraph", "code", "list-item", "list-item", "quote", "heading", "code"]);
    expect(markdownToProse(markdown)).toBe("Intro line one line two.\n\na\n\nnested\n\nNote: Keep it.");
  });

  it("folds plurals, tokenizes and title-cases", () => {
    expect(["retries", "endpoints", "classes", "status", "keys", "analyses", "batches", "ids", "series"].map(singularize)).toEqual([
      "retry", "endpoint", "class", "status", "key", "analysis", "batch", "id", "series",
    ]);
    expect(tokenize("Node.js uses API-keys, don't it?")).toEqual(["node.js", "uses", "api-keys", "don't", "it"]);
    expect(isStopword("The")).toBe(true);
    expect(isStopword("webhook")).toBe(false);
    expect(phraseKey(["API", "Keys"])).toBe("api key");
    expect(titleCase(["api", "key", "of", "webhook-signing"])).toBe("API Key of Webhook-Signing");
  });
});

const endpointsDocument = makeDocument(
  "endpoints",
  `# Webhook endpoints

An endpoint is the HTTPS URL that receives webhook deliveries from Acme. Each endpoint has its own signing secret and its own subscriptions.

## Retries

Failed deliveries to an endpoint are retried with backoff. An endpoint that fails for three days is disabled.
`,
);

const setupDocument = makeDocument(
  "setup",
  `Install the SDK with npm. Then create a client with your API key. Call \`client.send\` to deliver an event.

## Install

Pick the package for your runtime:

\`\`\`bash
npm install @acme/sdk
\`\`\`

\`\`\`python
pip install acme
\`\`\`

## Clients

\`\`\`ts
const client = new Acme();
\`\`\`

\`\`\`ts
const client = new Acme({ timeout: 5000 });
\`\`\`
`,
);

const analyser = createLocalAnalyser();

async function summaryOf(document: AnalysisDocument): Promise<DocumentSummary> {
  const [summary] = await analyser.summarize({ context, documents: [document] });
  if (summary === undefined) throw new Error("no summary");
  return summary;
}

describe("createLocalAnalyser", () => {
  it("names itself as the extractive local provider", () => {
    expect([analyser.provider, analyser.model, analyser.extractive]).toEqual(["local", "extractive-v1", true]);
  });
});

describe("summarize", () => {
  it("answers one summary per document, in input order", async () => {
    const summaries = await analyser.summarize({ context, documents: [retriesDocument, signingDocument] });
    expect(summaries.map((summary) => summary.documentId)).toEqual(["retries", "signing"]);
  });

  it("summarizes with 2–4 prose sentences in document order, never from code, tables or headings", async () => {
    const summary = await summaryOf(signingDocument);
    expect(summary.summary).toBe(
      "Acme signs every webhook request with an HMAC signature. Verifying the webhook signature proves that the request came from Acme and was not modified.",
    );
    const retries = await summaryOf(retriesDocument);
    const sentences = splitSentences(retries.summary);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    const prose = splitSentences(markdownToProse(retriesDocument.markdown));
    for (const sentence of sentences) expect(prose).toContain(sentence);
    expect(retries.summary).not.toContain("ACME_RETRY");
    expect(retries.summary).not.toContain("Retry schedule");
  });

  it("reduces link syntax in summaries and steps", async () => {
    const document = makeDocument(
      "links",
      "# Links\n\nRead the [signing guide](https://acme.test/signing) before you verify any webhook request. The [retry schedule](./retries.md) explains when deliveries are retried by Acme.\n",
    );
    const summary = await summaryOf(document);
    expect(summary.summary).toBe(
      "Read the signing guide before you verify any webhook request. The retry schedule explains when deliveries are retried by Acme.",
    );
  });

  it("turns a code block into a pattern named after its section and explained by the sentence before it", async () => {
    const summary = await summaryOf(signingDocument);
    expect(summary.codePatterns).toEqual([
      {
        name: "Verify a signature",
        language: "ts",
        code: 'import { verifySignature } from "@acme/sdk";\nconst event = verifySignature(body, headers, secret);',
        whenToUse: "Use the `verifySignature` helper when you receive a webhook request.",
        heading: "Verify a signature",
        anchor: "verify-a-signature",
      },
    ]);
  });

  it("disambiguates patterns under one heading by language, then by ordinal", async () => {
    const summary = await summaryOf(setupDocument);
    expect(summary.codePatterns.map((pattern) => [pattern.name, pattern.whenToUse])).toEqual([
      ["Install (bash)", "Pick the package for your runtime."],
      ["Install (python)", "Pick the package for your runtime."],
      ["Clients (ts 1)", ""],
      ["Clients (ts 2)", ""],
    ]);
  });

  it("turns an ordered list into steps with link syntax reduced", async () => {
    const summary = await summaryOf(signingDocument);
    expect(summary.implementationNotes).toEqual([
      {
        title: "Rotating secrets",
        steps: ["Create a new signing secret in the dashboard.", "Deploy the new secret to your receivers.", "Delete the old secret after 24 hours."],
        heading: "Rotating secrets",
        anchor: "rotating-secrets",
      },
    ]);
  });

  it("turns a run of instructions into steps titled by the document for the preamble", async () => {
    const summary = await summaryOf(setupDocument);
    expect(summary.implementationNotes).toEqual([
      {
        title: "setup",
        steps: ["Install the SDK with npm.", "Then create a client with your API key.", "Call `client.send` to deliver an event."],
        heading: "",
        anchor: "",
      },
    ]);
  });

  it("finds up to 8 concepts described by a prose sentence, never the product name", async () => {
    const summary = await summaryOf(signingDocument);
    expect(summary.concepts.length).toBeGreaterThan(0);
    expect(summary.concepts.length).toBeLessThanOrEqual(8);
    expect(summary.concepts[0]).toEqual({
      name: "Webhook signing",
      description: "Acme signs every webhook request with an HMAC signature.",
      importance: 10,
      heading: "Webhook signing",
      anchor: "webhook-signing",
    });
    const verify = summary.concepts.find((concept) => concept.name === "verifySignature");
    expect(verify).toEqual({
      name: "verifySignature",
      description: "Use the `verifySignature` helper when you receive a webhook request:",
      importance: expect.any(Number),
      heading: "Verify a signature",
      anchor: "verify-a-signature",
    });
    for (const concept of summary.concepts) {
      expect(concept.name.toLowerCase()).not.toBe("acme");
      expect(concept.importance).toBeGreaterThanOrEqual(1);
      expect(concept.importance).toBeLessThanOrEqual(10);
    }
  });

  it("summarizes an empty document without failing", async () => {
    const empty: AnalysisDocument = { id: "empty", url: "https://docs.acme.test/empty", title: "Empty", section: "Docs", markdown: "", sections: [], codeBlocks: [] };
    expect(await summaryOf(empty)).toEqual({ documentId: "empty", summary: "Empty", concepts: [], implementationNotes: [], codePatterns: [] });
  });
});

describe("topics", () => {
  it("names topics by key phrases folded to singular and shared across documents", async () => {
    const [retries, endpoints] = await analyser.topics({ context, documents: [retriesDocument, endpointsDocument] });
    expect(retries?.topics[0]).toEqual({ name: "Retry", relevance: 1, heading: "Retry schedule", anchor: "retry-schedule" });
    expect(endpoints?.topics.map((topic) => topic.name)).toEqual(expect.arrayContaining(["Webhook Endpoint", "Retry"]));
    expect(endpoints?.topics.find((topic) => topic.name === "Retry")).toMatchObject({ heading: "Retries", anchor: "retries" });
  });

  it("gives 2–5 topics with relevance in 0–1, the best at 1, never the product or a generic word", async () => {
    const generic = makeDocument(
      "overview",
      "# Acme overview\n\n## Getting started\n\nThis guide is an introduction to Acme webhooks. Webhook events carry a payload and a type.\n\n## Examples\n\nA payload holds the event data.\n",
    );
    const answers = await analyser.topics({ context, documents: [signingDocument, retriesDocument, generic] });
    for (const answer of answers) {
      expect(answer.topics.length).toBeGreaterThanOrEqual(2);
      expect(answer.topics.length).toBeLessThanOrEqual(5);
      expect(answer.topics[0]?.relevance).toBe(1);
      for (const topic of answer.topics) {
        expect(topic.relevance).toBeGreaterThan(0);
        expect(topic.relevance).toBeLessThanOrEqual(1);
        expect(["acme", "overview", "getting started", "introduction", "example", "guide"]).not.toContain(topic.name.toLowerCase());
      }
    }
    expect(answers[2]?.topics.map((topic) => topic.name)).toEqual(["Webhook", "Event", "Payload"]);
  });
});

async function synthesisInput(topic: Topic, documents: AnalysisDocument[]): Promise<SynthesisInput> {
  const summaries = await analyser.summarize({ context, documents });
  const topics = await analyser.topics({ context, documents });
  return {
    context,
    topic,
    relatedTopics: [{ id: "webhook-signing", name: "Webhook Signing" }],
    sources: documents.map((document, index) => {
      const summary = summaries[index];
      const documentTopics = topics[index];
      if (summary === undefined || documentTopics === undefined) throw new Error("missing analysis");
      return { document, summary, topics: documentTopics };
    }),
  };
}

const retryTopic: Topic = { id: "retry", name: "Retry", aliases: ["retries"], documentIds: ["retries", "signing"], weight: 1.5, relatedTopicIds: ["webhook-signing"] };

function allStatements(guideline: TopicGuideline): Statement[] {
  return [...guideline.overview, ...guideline.whenToUse, ...guideline.steps, ...guideline.pitfalls];
}

describe("synthesize", () => {
  it("numbers the sources in order and cites the section most about the topic", async () => {
    const guideline = await analyser.synthesize(await synthesisInput(retryTopic, [retriesDocument, signingDocument]));
    expect(guideline.topicId).toBe("retry");
    expect(guideline.name).toBe("Retry");
    expect(guideline.relatedTopicIds).toEqual(["webhook-signing"]);
    expect(guideline.sources).toEqual([
      { number: 1, documentId: "retries", url: "https://docs.acme.test/retries", title: "Retries and backoff", heading: "Retry schedule", anchor: "retry-schedule" },
      { number: 2, documentId: "signing", url: "https://docs.acme.test/signing", title: "Webhook signing", heading: "Webhook signing", anchor: "webhook-signing" },
    ]);
  });

  it("quotes overview, when-to-use, steps, code and pitfalls from the sources about the topic", async () => {
    const guideline = await analyser.synthesize(await synthesisInput(retryTopic, [retriesDocument, signingDocument]));
    expect(guideline.overview.length).toBeGreaterThanOrEqual(2);
    expect(guideline.overview.length).toBeLessThanOrEqual(4);
    expect(guideline.overview[0]).toEqual({ text: "Acme retries failed webhook deliveries with exponential backoff.", citations: [1] });
    expect(guideline.whenToUse).toEqual([{ text: "Use the retry schedule to decide how long a receiver may stay offline.", citations: [1] }]);
    expect(guideline.steps).toEqual([
      { text: "Verify the webhook signature.", citations: [1] },
      { text: "Store the event and return 2xx within one second.", citations: [1] },
      { text: "Deduplicate retries on the event ID.", citations: [1] },
    ]);
    expect(guideline.code[0]).toEqual({ title: "Retry schedule", language: "bash", code: "ACME_RETRY_BASE_DELAY=30s\nACME_RETRY_MULTIPLIER=4", citations: [1] });
    expect(guideline.code.length).toBeLessThanOrEqual(3);
    expect(guideline.pitfalls).toEqual([{ text: "Warning: do not answer retries with 200 before the event is stored.", citations: [1] }]);
  });

  it("cites only existing source numbers and never repeats a statement, even for duplicate sources", async () => {
    const copy = { ...retriesDocument, id: "retries-copy", url: "https://docs.acme.test/retries-copy" };
    const guideline = await analyser.synthesize(await synthesisInput(retryTopic, [retriesDocument, copy, signingDocument, endpointsDocument]));
    const numbers = guideline.sources.map((source) => source.number);
    expect(numbers).toEqual([1, 2, 3, 4]);
    const statements = allStatements(guideline);
    for (const statement of statements) {
      expect(statement.citations.length).toBeGreaterThan(0);
      for (const citation of statement.citations) expect(numbers).toContain(citation);
    }
    for (const code of guideline.code) for (const citation of code.citations) expect(numbers).toContain(citation);
    const texts = statements.map((statement) => statement.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(guideline.code.map((code) => code.code)).size).toBe(guideline.code.length);
  });

  it("falls back to the summaries and every note when no source mentions the topic", async () => {
    const topic: Topic = { id: "billing", name: "Billing", aliases: [], documentIds: ["signing"], weight: 1, relatedTopicIds: [] };
    const guideline = await analyser.synthesize(await synthesisInput(topic, [signingDocument]));
    expect(guideline.overview).toEqual([
      { text: "Acme signs every webhook request with an HMAC signature.", citations: [1] },
      { text: "Verifying the webhook signature proves that the request came from Acme and was not modified.", citations: [1] },
    ]);
    expect(guideline.steps.map((step) => step.text)).toEqual([
      "Create a new signing secret in the dashboard.",
      "Deploy the new secret to your receivers.",
      "Delete the old secret after 24 hours.",
    ]);
    expect(guideline.sources[0]).toMatchObject({ heading: "Webhook signing", anchor: "webhook-signing" });
  });
});

describe("determinism", () => {
  it("answers byte-identical output for the same input, whatever the batch", async () => {
    const run = async () => {
      const fresh = createLocalAnalyser();
      const documents = [signingDocument, retriesDocument, endpointsDocument, setupDocument];
      const summaries = await fresh.summarize({ context, documents });
      const topics = await fresh.topics({ context, documents });
      const guideline = await fresh.synthesize(await synthesisInput(retryTopic, [retriesDocument, signingDocument, endpointsDocument]));
      return JSON.stringify({ summaries, topics, guideline });
    };
    expect(await run()).toBe(await run());
    const [alone] = await analyser.summarize({ context, documents: [retriesDocument] });
    const [, inBatch] = await analyser.summarize({ context, documents: [signingDocument, retriesDocument] });
    expect(inBatch).toEqual(alone);
  });
});
