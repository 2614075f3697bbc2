/** report.html: one self-contained page (data, script and style inline) that works offline from file://. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ReportLookups } from "../report-lookups.ts";
import { escapeHtml, serializeJsonForScript } from "./escape.ts";
import { buildHtmlReportData } from "./report-data.ts";

// The page script is plain browser JavaScript kept in separate files so each stays readable; they share one
// function scope, in this order (later files call functions of earlier ones).
const SCRIPT_FILES = ["dom.js", "markdown.js", "views.js", "graph.js", "app.js"];

function readAsset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
}

/** The page script, wrapped so none of its names leak into the page's global scope. */
export const REPORT_SCRIPT = `(() => {\n"use strict";\n${SCRIPT_FILES.map(readAsset).join("\n")}\n})();\n`;
/** The page style. */
export const REPORT_STYLE = readAsset("report.css");

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The page's Content-Security-Policy: its own inline script and style by hash and nothing else, so no script
 * a document smuggled in could run even if it reached the markup, and the page loads nothing from a network.
 */
export const REPORT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(REPORT_SCRIPT)}`,
  `style-src ${sha256(REPORT_STYLE)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Renders report.html. */
export function renderHtmlReport(options: { lookups: ReportLookups }): { path: string; content: string } {
  const data = buildHtmlReportData(options.lookups);
  const content = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="document-it">
<title>${escapeHtml(data.title)} — document-it report</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header class="bar">
<h1 id="product-title">${escapeHtml(data.title)}</h1>
<input id="search" type="search" placeholder="Search topics and documents" aria-label="Search topics and documents" autocomplete="off">
<button id="theme-toggle" type="button">Dark mode</button>
</header>
<noscript><p>This page needs JavaScript to show the report; index.md and the topics and documents folders next to it hold the same guidelines.</p></noscript>
<div class="layout">
<nav class="sidebar" aria-label="Topics and documents">
<h2>Topics</h2>
<ul id="topic-list"></ul>
<h2>Documents</h2>
<ul id="document-list"></ul>
<p id="no-results" class="muted" hidden>No topic or document matches the search.</p>
</nav>
<main>
<details class="graph-panel" open>
<summary>Topic–document graph (${data.topics.length} topics, ${data.documents.length} documents; click a node to open it)</summary>
<div class="graph-scroll"><svg id="graph" role="img" aria-label="Topics and the documents about them"></svg></div>
</details>
<article id="detail" aria-live="polite"></article>
</main>
</div>
<script type="application/json" id="report-data">${serializeJsonForScript(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
  return { path: "report.html", content };
}
