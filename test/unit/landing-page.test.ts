import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readLandingPage } from "../../src/landing-page.ts";

describe("readLandingPage", () => {
  it("reads title, description, headings and ranks the sections of the example landing page", () => {
    const page = readLandingPage({ html: readFileSync("examples/index.html", "utf8"), url: "file:///examples/index.html", productName: "Relaykit" });
    expect(page.title).toBe("Relaykit - Self-hosted webhook delivery");
    expect(page.description).toMatch(/^Relaykit is a self-hostable webhook delivery service/);
    expect(page.headings).toContain("Signed with HMAC-SHA256");
    expect(page.sections[0]!.heading).toBe("Webhooks your customers can rely on, on infrastructure you own");
    expect(page.sections.map((section) => section.heading)).toContain("Retries, backoff and a dead-letter queue");
    expect(page.sections.every((section) => !section.text.includes("import { Relaykit }"))).toBe(true);
  });

  it("drops navigation, scripts and furniture sections", () => {
    const page = readLandingPage({
      url: "https://x.dev/",
      html: `<html><head><title>X</title><script>alert(1)</script></head><body><nav><h2>Menu</h2><p>nav text</p></nav>
        <h2>Fast sync</h2><p>X syncs files between machines in seconds.</p><h2>Pricing</h2><p>Free for teams.</p></body></html>`,
    });
    expect(page.sections.map((section) => [section.heading, section.text])).toEqual([["Fast sync", "X syncs files between machines in seconds."]]);
    expect(page.description).toBe("");
  });
});
