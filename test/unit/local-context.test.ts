import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../src/html.ts";
import { readLandingPage } from "../../src/landing-page.ts";
import { createLocalAnalyser } from "../../src/local/index.ts";

const index = {
  source: "https://tidepool.dev/llms.txt",
  title: "Tidepool",
  summary: "Tidepool is a peer-to-peer file sync tool with a `tidepool` CLI.",
  details: "Install it with `npm install -g tidepool`. Folders sync over **encrypted links**.",
};
const html = readFileSync("test/fixtures/landing/index.html", "utf8");
const landingPage = { url: "https://tidepool.dev/", title: "Tidepool - Sync for small teams", markdown: htmlToMarkdown(html).markdown, page: readLandingPage({ html, url: "https://tidepool.dev/", productName: "Tidepool" }) };
const llmsTxtTerms = [
  { term: "npm install -g tidepool", definition: "Install it with `npm install -g tidepool`.", source: "https://tidepool.dev/llms.txt" },
  { term: "encrypted links", definition: "Folders sync over encrypted links.", source: "https://tidepool.dev/llms.txt" },
];

describe("the local analyser's context", () => {
  it("quotes the llms.txt and the landing page: headline as purpose, ranked sections as features, marked terms", async () => {
    const context = await createLocalAnalyser().buildContext!({ index, landingPage });
    expect(context).toEqual({
      version: 1,
      name: "Tidepool",
      description: "Tidepool is a peer-to-peer file sync tool with a `tidepool` CLI.",
      details: "Install it with `npm install -g tidepool`. Folders sync over **encrypted links**.",
      // The Pricing section is page furniture; the navigation's heading is not part of the page.
      features: [
        { name: "Built for small teams", description: "Engineering teams of up to 50 people share project folders with tidepool share and see changes within seconds.", importance: 10, source: "https://tidepool.dev/" },
        { name: "Conflict-free merges", description: "Edits made offline are merged with a vector clock per file, so no change is lost.", importance: 9, source: "https://tidepool.dev/" },
      ],
      // The product's own name (`tidepool`) is not a term of its own.
      terminology: [
        ...llmsTxtTerms,
        { term: "tidepool share", definition: "Engineering teams of up to 50 people share project folders with `tidepool share` and see changes within seconds.", source: "https://tidepool.dev/" },
        { term: "vector clock", definition: "Edits made offline are merged with a vector clock per file, so no change is lost.", source: "https://tidepool.dev/" },
      ],
      history: [{ version: 1, by: "discover (quoted from the llms.txt and the landing page)", added: ["Built for small teams", "Conflict-free merges", "npm install -g tidepool", "encrypted links", "tidepool share", "vector clock"] }],
      purpose: "Your files, everywhere, without a cloud. Tidepool copies every change between your machines over an encrypted peer-to-peer link.",
      audience: "Engineering teams of up to 50 people share project folders with tidepool share and see changes within seconds.",
      confidence: { score: 0.88, reason: "Extractive, no model: quoted from the llms.txt and the landing page; 2 features from page sections, 4 marked terms." },
    });
  });

  it("says what it could not find when there is no landing page, and is less confident", async () => {
    const context = await createLocalAnalyser().buildContext!({ index });
    expect(context).toEqual({
      version: 1,
      name: "Tidepool",
      description: "Tidepool is a peer-to-peer file sync tool with a `tidepool` CLI.",
      details: "Install it with `npm install -g tidepool`. Folders sync over **encrypted links**.",
      features: [],
      terminology: llmsTxtTerms,
      history: [{ version: 1, by: "discover (quoted from the llms.txt)", added: ["npm install -g tidepool", "encrypted links"] }],
      purpose: "",
      audience: "",
      confidence: { score: 0.32, reason: "Extractive, no model: quoted from the llms.txt alone (no landing page was found); 0 features from page sections, 2 marked terms; not stated: purpose, audience, features." },
    });
  });

  it("takes the name from the landing page title and the description from its meta tag when the llms.txt lacks them", async () => {
    const context = await createLocalAnalyser().buildContext!({ index: { source: index.source, title: "" }, landingPage });
    expect([context.name, context.description]).toEqual(["Tidepool", "Tidepool keeps folders in sync between laptops and servers."]);
    expect(context.confidence).toEqual({ score: 0.74, reason: "Extractive, no model: quoted from the llms.txt and the landing page; 2 features from page sections, 2 marked terms; not stated: llms.txt summary." });
  });
});
