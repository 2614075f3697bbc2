import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlobalContext } from "../../src/types.ts";
import { createHarness, temporaryFolder } from "../helpers/graph-harness.ts";
import { contentText } from "../helpers/mock-openai-answers.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

/** The `<context version="N">` element of a request's messages. */
function contextElement(request: { body: { messages: Array<{ content: unknown }> } }): string | undefined {
  return /<context version="\d+">[\s\S]*?<\/context>/.exec(request.body.messages.map((message) => contentText(message.content)).join("\n"))?.[0];
}

describe("the global context with the openai provider: version 1 from the context question, version 2 after relate", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("adds the concepts two or more documents share as terms, synthesises with version 2, and shows each fact's origin and the history", async () => {
    const folder = temporaryFolder();
    const { app, config, services } = createHarness({ folder, configuration: { provider: "openai", baseUrl: mock.baseUrl, model: "mock-small" } });
    const index = resolve("examples/llms.txt");
    const result = await app.invoke({ source: index }, config());
    const quickstart = Object.values(result.documents).find((record) => record.url.endsWith("/docs/quickstart.md"))!;
    expect(Object.values(result.documents).every((record) => record.status === "analysed")).toBe(true);

    // Version 1: the mock's answer to the context question, every fact from the index.
    const first = services.store.get<GlobalContext>(result.contextHash!)!;
    const indexFeatures = [
      { name: "Name 1", description: "Description 1", importance: 6, source: index },
      { name: "Name 2", description: "Description 2", importance: 6, source: index },
    ];
    const indexTerms = [
      { term: "Term 1", definition: "Definition 1", source: index },
      { term: "Term 2", definition: "Definition 2", source: index },
    ];
    expect(first).toMatchObject({ version: 1, name: "Name 1", features: indexFeatures, terminology: indexTerms });
    expect(first.history).toEqual([{ version: 1, by: "discover (openai mock-small from the index and landing page)", added: [] }]);

    // Version 2: every document names the concepts "Name 1" and "Name 2"; "Name 1" is the product's own name, so
    // only "Name 2" becomes a term, defined and sourced by the first document in index order.
    const context = result.context!;
    expect(context).toEqual({
      ...first,
      version: 2,
      features: indexFeatures,
      terminology: [...indexTerms, { term: "Name 2", definition: "Description 2", source: quickstart.url }],
      history: [...first.history, { version: 2, by: "relate (concepts shared by two or more documents)", added: ["Name 2"] }],
    });
    expect(services.store.get<GlobalContext>(result.synthesisContextHash!)).toEqual(context);

    // Analysis prompts carried version 1; every synthesis prompt carries version 2 with the new term.
    const batchContexts = new Set<string | undefined>();
    const synthesisContexts = new Set<string | undefined>();
    for (const request of mock.completions()) {
      const question = contentText(request.body.messages.at(-1).content);
      if (/^Question: (summarize|topic)\./.test(question)) batchContexts.add(contextElement(request));
      else if (/<document number="1"/.test(question)) synthesisContexts.add(contextElement(request));
    }
    expect([...batchContexts].map((element) => element?.split("\n")[0])).toEqual(['<context version="1">']);
    expect(synthesisContexts.size).toBe(1);
    const synthesisContext = [...synthesisContexts][0]!;
    expect(synthesisContext.split("\n")[0]).toBe('<context version="2">');
    expect(synthesisContext).toContain("Terminology:\n- Term 1: Definition 1\n- Term 2: Definition 2\n- Name 2: Description 2\n</context>");
    expect(result.topics.length).toBeGreaterThan(0);

    const page = readFileSync(join(folder, "out", "global-context.md"), "utf8");
    expect(page).toContain("- Name: Name 1\n- Context version: 2\n");
    expect(page).toContain(
      [
        "## Features",
        "",
        "| Feature | Description | Importance | Source |",
        "| --- | --- | --- | --- |",
        `| Name 1 | Description 1 | 6 | ${index} |`,
        `| Name 2 | Description 2 | 6 | ${index} |`,
        "",
        "## Terminology",
        "",
        "| Term | Definition | Source |",
        "| --- | --- | --- |",
        `| Term 1 | Definition 1 | ${index} |`,
        `| Term 2 | Definition 2 | ${index} |`,
        `| Name 2 | Description 2 | [Quickstart](documents/${quickstart.slug}.md) |`,
        "",
        "## History",
        "",
        "- Version 1, by discover (openai mock-small from the index and landing page): nothing added",
        "- Version 2, by relate (concepts shared by two or more documents): added Name 2",
      ].join("\n"),
    );
  }, 120_000);
});
