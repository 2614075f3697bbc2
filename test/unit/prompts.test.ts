import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROMPT_NAMES, loadPrompts, parsePrompt, promptFingerprint, promptSlots, renderPrompt } from "../../src/prompts.ts";

function folder(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "document-it-prompts-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

describe("renderPrompt", () => {
  it("fills every slot, with or without spaces inside the braces", () => {
    expect(renderPrompt("Hello {{name}}, from {{ place }}.", { name: "Ada", place: "London" })).toBe("Hello Ada, from London.");
  });

  it("throws an error naming the missing slot", () => {
    expect(() => renderPrompt("Hello {{name}}, from {{place}}.", { name: "Ada" })).toThrow('template needs slot "place", which was not given');
  });

  it("names the prompt and every missing slot", () => {
    const template = parsePrompt({ name: "topic", source: "---\nversion: 1\n---\n{{documentIds}} {{format}}", origin: "test" });
    expect(() => renderPrompt(template, {})).toThrow('prompt "topic" needs slots "documentIds", "format", which were not given');
  });

  it("ignores a slot the template does not use", () => {
    expect(renderPrompt("Hello {{name}}.", { name: "Ada", unused: "x" })).toBe("Hello Ada.");
  });

  it("never expands placeholders inside a slot's value", () => {
    expect(renderPrompt("Document: {{document}}", { document: "see {{secret}}" })).toBe("Document: see {{secret}}");
  });
});

describe("parsePrompt", () => {
  it("reads the version from the front matter and drops the blank line after it", () => {
    expect(parsePrompt({ name: "system", source: '---\nversion: "2.1"\ndescription: d\n---\n\nBody line\n\n', origin: "x.md" })).toEqual({
      name: "system",
      version: "2.1",
      text: "Body line",
      origin: "x.md",
    });
  });

  it("rejects a file without a version", () => {
    expect(() => parsePrompt({ name: "system", source: "No front matter", origin: "x.md" })).toThrow('prompt "system" (x.md) must start with a front matter holding "version:"');
  });

  it("versions an override without front matter by the hash of its text", () => {
    const first = parsePrompt({ name: "system", source: "Be brief.", origin: "override", requireVersion: false });
    const second = parsePrompt({ name: "system", source: "Be briefer.", origin: "override", requireVersion: false });
    expect(first.version).toMatch(/^override-[0-9a-f]{12}$/);
    expect(second.version).not.toBe(first.version);
  });
});

describe("loadPrompts", () => {
  it("loads every built-in prompt at its version", () => {
    const prompts = loadPrompts();
    expect(Object.keys(prompts).sort()).toEqual([...PROMPT_NAMES].sort());
    for (const name of PROMPT_NAMES) expect(prompts[name].version, name).toBe(name === "synthesize" ? "2" : "1");
  });

  it("gives each built-in prompt exactly the slots its question fills", () => {
    const prompts = loadPrompts();
    expect(Object.fromEntries(PROMPT_NAMES.map((name) => [name, promptSlots(prompts[name]).sort()]))).toEqual({
      system: [],
      batch: ["context", "documentCount", "documents"],
      summarize: ["documentIds", "format"],
      topic: ["documentIds", "format"],
      guideline: ["context"],
      synthesize: ["aliases", "format", "relatedTopics", "sourceCount", "sourceNumbers", "sources", "topic"],
      context: ["documents", "format"],
      relate: ["format", "nameCount", "names"],
      format: ["schema"],
      repair: ["answer", "problem"],
    });
  });

  it("takes a folder's files over the built-in ones, then overrides over both", () => {
    const directory = folder({ "summarize.md": "---\nversion: 7\n---\nSummarize {{documentIds}}{{format}}" });
    const prompts = loadPrompts({ directory, overrides: { topic: "---\nversion: 3\n---\nTopics {{documentIds}}{{format}}" } });
    expect(prompts.summarize).toMatchObject({ version: "7", text: "Summarize {{documentIds}}{{format}}", origin: join(directory, "summarize.md") });
    expect(prompts.topic).toMatchObject({ version: "3", origin: "override" });
    expect(prompts.system).toEqual(loadPrompts().system);
  });

  it("rejects an unknown prompt file or override name", () => {
    expect(() => loadPrompts({ directory: folder({ "summary.md": "---\nversion: 1\n---\nx" }) })).toThrow(/unknown prompt file .*summary\.md/);
    expect(() => loadPrompts({ overrides: { sumarize: "x" } })).toThrow('unknown prompt override "sumarize"');
  });

  it("changes the fingerprint when a prompt's text changes, even at the same version", () => {
    const built = loadPrompts();
    const edited = loadPrompts({ overrides: { system: `---\nversion: 1\n---\n${built.system.text} Be brief.` } });
    expect(promptFingerprint([edited.system])).not.toBe(promptFingerprint([built.system]));
    expect(promptFingerprint([built.system, built.batch])).toMatch(/^system@1,batch@1#[0-9a-f]{12}$/);
  });
});
