import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { escapeHtml, serializeJsonForScript } from "../../src/report/html/escape.ts";
import { layoutGraph } from "../../src/report/html/graph-layout.ts";
import { REPORT_CONTENT_SECURITY_POLICY, REPORT_SCRIPT, renderHtmlReport } from "../../src/report/html/render-html-report.ts";
import { buildHtmlReportData } from "../../src/report/html/report-data.ts";
import { safeHref } from "../../src/report/html/safe-url.ts";
import { createReportLookups } from "../../src/report/report-lookups.ts";
import { createReportInput } from "../fixtures/report-input.ts";

const HOSTILE = 'a</script><script>alert(1)</script><!-- & <img src=x onerror="alert(2)"> \u2028 \u2029 end';

describe("serializeJsonForScript", () => {
  it("leaves no character that could end or change a script element, and parses back to the same value", () => {
    const value = { title: HOSTILE, nested: [HOSTILE, { "</script>": "&amp;" }] };
    const json = serializeJsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("a\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
    expect(json).toContain("\\u0026 \\u003cimg");
    expect(json).toContain("\\u2028 \\u2029");
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that end text or a quoted attribute", () => {
    expect(escapeHtml(`<b title="x" class='y'>&amp;</b>`)).toBe("&lt;b title=&quot;x&quot; class=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;");
  });
});

// URL → href the report may use (undefined: shown as text).
const HREF_CASES: Array<[string, string | undefined]> = [
  ["https://example.com/docs/a.md#signing", "https://example.com/docs/a.md#signing"],
  ["HTTP://example.com/", "HTTP://example.com/"],
  ["#topic=retries", "#topic=retries"],
  ["documents/signing.md", "documents/signing.md"],
  ["javascript:alert(1)", undefined],
  ["JavaScript:alert(1)", undefined],
  ["  javascript:alert(1)", undefined],
  ["java\tscript:alert(1)", undefined],
  ["java\nscript:alert(1)", undefined],
  ["\u0000javascript:alert(1)", undefined],
  ["vbscript:msgbox(1)", undefined],
  ["data:text/html,<script>alert(1)</script>", undefined],
  ["file:///etc/passwd", undefined],
  ["//evil.example/x", undefined],
  ["/\\evil.example/x", undefined],
  ["", undefined],
];

describe("safeHref", () => {
  it.each(HREF_CASES)("%j → %j", (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it("has a twin in the page script that answers every case the same way", () => {
    const dom = readFileSync(new URL("../../src/report/html/assets/dom.js", import.meta.url), "utf8");
    const pageSafeHref = runInNewContext(`${dom}\nsafeHref`) as (url: string) => string | undefined;
    expect(HREF_CASES.map(([url]) => pageSafeHref(url))).toEqual(HREF_CASES.map(([, expected]) => expected));
  });
});

describe("layoutGraph", () => {
  it("orders each column by its neighbours so that crossing edges untangle, the same way every time", () => {
    // Topic 0 links documents 2 and 3, topic 1 links documents 0 and 1: in input order every edge crosses.
    const options = { topicCount: 2, documentCount: 4, links: [[0, 2], [0, 3], [1, 0], [1, 1]] as Array<[number, number]> };
    const layout = layoutGraph(options);
    expect(layout.nodes.map((node) => `${node.kind[0]}${node.index}@${node.y}`)).toEqual(["t0@46", "t1@98", "d2@33", "d3@59", "d0@85", "d1@111"]);
    expect(layout.edges).toEqual([[0, 2], [0, 3], [1, 4], [1, 5]]);
    expect(layoutGraph(options)).toEqual(layout);
  });
});

describe("renderHtmlReport", () => {
  const input = createReportInput();
  const { path, content } = renderHtmlReport({ lookups: createReportLookups(input) });
  const dataBlock = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(content)?.[1];

  it("embeds the report data as JSON that parses back to what was built", () => {
    expect(path).toBe("report.html");
    expect(JSON.parse(dataBlock!)).toEqual(JSON.parse(JSON.stringify(buildHtmlReportData(createReportLookups(input)))));
  });

  it("has exactly two script elements, the data and its own script, and no document markup outside the data", () => {
    expect(content.match(/<script/g)).toHaveLength(2);
    expect(content).toContain(`<script>${REPORT_SCRIPT}</script>`);
    // context.details holds "<script>alert(1)</script>": it is only in the data block, as \u escapes.
    expect(content).not.toContain("alert(1)</script>");
    expect(dataBlock).toContain("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
  });

  it("allows by hash only its own script and style, and nothing from a network", () => {
    const hash = createHash("sha256").update(REPORT_SCRIPT).digest("base64");
    expect(REPORT_CONTENT_SECURITY_POLICY).toContain(`script-src 'sha256-${hash}'`);
    expect(REPORT_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
    expect(content).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY.replace(/'/g, "&#39;")}">`);
  });

  it("escapes the product name in the static title and heading", () => {
    const hostile = createReportInput();
    hostile.context.name = "Acme </title><script>alert(1)</script>";
    const html = renderHtmlReport({ lookups: createReportLookups(hostile) }).content;
    expect(html).toContain("<title>Acme &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — document-it report</title>");
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it("links only http(s) sources and drops aliases that repeat the name", () => {
    const data = buildHtmlReportData(createReportLookups(input));
    expect(data.documents.map((document) => document.href)).toEqual(input.documents.map((entry) => entry.record.url));
    expect(data.topics[0]!.guideline!.sources.map((source) => source.href)).toEqual([
      "https://example.com/docs/signing.md#signing",
      "https://example.com/docs/retries.md",
    ]);
    const hostile = createReportInput();
    hostile.documents[0]!.record.url = "javascript:alert(1)";
    hostile.topics[1]!.aliases = ["retries", "retry"];
    const hostileData = buildHtmlReportData(createReportLookups(hostile));
    expect(hostileData.documents[0]!.href).toBeUndefined();
    expect(hostileData.documents[0]!.concepts[0]!.href).toBeUndefined();
    expect(hostileData.topics[1]!.aliases).toEqual(["retry"]);
  });
});

describe("the page script", () => {
  it("never turns a string into markup or code", () => {
    const folder = new URL("../../src/report/html/assets/", import.meta.url);
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".js"))) {
      const source = readFileSync(new URL(file, folder), "utf8");
      expect(source, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\("on|srcdoc/);
    }
  });
});
