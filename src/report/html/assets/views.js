// The three views of the detail pane: the product overview, one topic, one document.

const EXTRACTIVE_NOTE = "These guidelines were produced by the local extractive analyser: their sentences are quoted " +
  "from the source documents, not written by a model.";

function note(report) {
  return report.data.extractive ? h("p", { class: "note" }, EXTRACTIVE_NOTE) : undefined;
}

function citationLinks(numbers, sources) {
  return [...new Set(numbers)].map((number) => {
    const source = sources.find((candidate) => candidate.number === number);
    if (source === undefined) return undefined;
    const label = `[${number}]`;
    const title = source.heading === "" ? source.title : `${source.title} — ${source.heading}`;
    if (source.href !== undefined) return h("a", { class: "citation", href: source.href, title, target: "_blank", rel: "noopener noreferrer" }, label);
    if (source.documentId !== undefined) return h("a", { class: "citation", href: itemHash("document", source.documentId), title }, label);
    return h("span", { class: "citation", title }, label);
  });
}

function statementList(statements, sources, ordered) {
  if (statements.length === 0) return undefined;
  const items = statements.map((statement) => h("li", {}, renderInline(statement.text), citationLinks(statement.citations, sources)));
  return h(ordered ? "ol" : "ul", {}, items);
}

function codeBlock(code) {
  return h("pre", {}, h("code", {}, code));
}

function itemList(kind, ids, lookup) {
  const items = ids.map((id) => lookup.get(id)).filter((item) => item !== undefined);
  if (items.length === 0) return undefined;
  return h("ul", {}, items.map((item) => h("li", {}, itemLink(kind, item.id, item.name ?? item.title))));
}

function sourceLink(item, url) {
  const label = item.heading === "" ? "Introduction" : item.heading;
  return item.href === undefined ? h("span", { title: url }, label) : h("a", { href: item.href, target: "_blank", rel: "noopener noreferrer" }, label);
}

/** The product overview shown when nothing is selected. */
function renderHome(report) {
  const { data } = report;
  const coverage = data.coverage;
  return [
    h("h2", {}, data.title),
    note(report),
    data.summary === "" ? undefined : h("p", {}, renderInline(data.summary)),
    renderBlocks(data.details),
    h("p", { class: "muted" }, `Analysed ${coverage.analysed} of ${coverage.total} documents; ${coverage.failed} failed; ` +
      `${coverage.skipped} skipped. ${data.topics.length} topics. Run ${data.runId} (${data.provider}, ${data.model}), ${data.finishedAt}.`),
    section("Features", data.features.length === 0 ? undefined :
      h("ul", {}, data.features.map((feature) => h("li", {}, h("strong", {}, feature.name), ": ", renderInline(feature.description))))),
    section("Terminology", data.terminology.length === 0 ? undefined :
      h("dl", { class: "facts" }, data.terminology.map((entry) => [h("dt", {}, entry.term), h("dd", {}, renderInline(entry.definition))]))),
  ];
}

/** One topic: its guideline with citations, or why it has none. */
function renderTopic(report, topic) {
  const guideline = topic.guideline;
  const sources = guideline === undefined ? [] : guideline.sources;
  return [
    h("h2", {}, topic.name),
    note(report),
    topic.aliases.length === 0 ? undefined : h("p", { class: "muted" }, `Also called: ${topic.aliases.join(", ")}`),
    topic.failure === undefined ? undefined : h("p", { class: "failure" }, topic.failure),
    guideline === undefined ? undefined : [
      section("Overview", guideline.overview.length === 0 ? undefined : h("p", {}, guideline.overview.map((statement) =>
        h("span", {}, renderInline(statement.text), citationLinks(statement.citations, sources), " ")))),
      section("When to use", statementList(guideline.whenToUse, sources, false)),
      section("How to implement", statementList(guideline.steps, sources, true)),
      section("Code", guideline.code.map((example) => [
        h("h4", {}, renderInline(example.title === "" ? "Example" : example.title), citationLinks(example.citations, sources)),
        codeBlock(example.code),
      ])),
      section("Pitfalls", statementList(guideline.pitfalls, sources, false)),
    ],
    section("Documents", itemList("document", topic.documentIds, report.documentsById)),
    section("Related topics", itemList("topic", topic.relatedTopicIds, report.topicsById)),
    section("Sources", sources.length === 0 ? undefined : h("ul", {}, sources.map((source) => h("li", {},
      externalLink(`[${source.number}] ${source.title === "" ? source.url : source.title}`, source.href),
      source.heading === "" ? undefined : `, section “${source.heading}”`,
      source.documentId === undefined ? undefined : [" (", itemLink("document", source.documentId, "document"), ")"],
    )))),
  ];
}

/** One document: its facts, failure, summary, concepts, steps, code, topics and related documents. */
function renderDocument(report, entry) {
  return [
    h("h2", {}, entry.title),
    note(report),
    h("dl", { class: "facts" },
      h("dt", {}, "Source"), h("dd", {}, externalLink(entry.url, entry.href)),
      h("dt", {}, "Section"), h("dd", {}, entry.section === "" ? "(none)" : entry.section, entry.optional ? " (optional)" : ""),
      h("dt", {}, "Status"), h("dd", {}, entry.status),
      entry.tokens === undefined ? undefined : [h("dt", {}, "Tokens"), h("dd", {}, entry.tokens)]),
    entry.failure === undefined ? undefined : h("p", { class: "failure" }, `Failed at the ${entry.failure.stage} stage: ${entry.failure.reason}`),
    section("Summary", entry.summary === undefined ? undefined : h("p", {}, renderInline(entry.summary))),
    section("Key concepts", entry.concepts.length === 0 ? undefined : h("ul", {}, entry.concepts.map((concept) => h("li", {},
      h("strong", {}, concept.name), ` (importance ${concept.importance}/10): `, renderInline(concept.description), " (",
      sourceLink(concept, entry.url), ")")))),
    section("Implementation notes", entry.notes.map((item) => [
      h("h4", {}, item.title === "" ? "Steps" : item.title, " (", sourceLink(item, entry.url), ")"),
      h("ol", {}, item.steps.map((step) => h("li", {}, renderInline(step)))),
    ])),
    section("Code patterns", entry.patterns.map((pattern) => [
      h("h4", {}, pattern.name === "" ? "Pattern" : pattern.name, " (", sourceLink(pattern, entry.url), ")"),
      pattern.whenToUse === "" ? undefined : h("p", {}, "When to use: ", renderInline(pattern.whenToUse)),
      codeBlock(pattern.code),
    ])),
    section("Topics", itemList("topic", entry.topicIds, report.topicsById)),
    section("Related documents", itemList("document", entry.relatedDocumentIds, report.documentsById)),
  ];
}
