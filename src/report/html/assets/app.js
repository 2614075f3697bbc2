// Wiring: read the embedded data, fill the lists, search, show the selected item, switch light and dark.

function loadReport() {
  // The data is JSON inside a non-executable script element: JSON.parse reads it, nothing evaluates it.
  const data = JSON.parse(document.getElementById("report-data").textContent);
  return {
    data,
    topicsById: new Map(data.topics.map((topic) => [topic.id, topic])),
    documentsById: new Map(data.documents.map((entry) => [entry.id, entry])),
  };
}

function searchText(report, kind, item) {
  if (kind === "topic") {
    const overview = item.guideline === undefined ? [] : item.guideline.overview.map((statement) => statement.text);
    return [item.name, ...item.aliases, ...overview].join("\n").toLowerCase();
  }
  const topicNames = item.topicIds.map((id) => report.topicsById.get(id)).filter(Boolean).map((topic) => topic.name);
  return [item.title, item.summary ?? "", ...topicNames].join("\n").toLowerCase();
}

function listItem(kind, item) {
  const status = kind === "document" && item.status !== "analysed" ? h("span", { class: "status" }, ` (${item.status})`) : undefined;
  return h("li", { "data-kind": kind, "data-id": item.id }, h("a", { href: itemHash(kind, item.id) }, kind === "topic" ? item.name : item.title, status));
}

function readHash() {
  const match = /^#(topic|document)=(.*)$/.exec(window.location.hash);
  if (match === null) return undefined;
  try {
    return { kind: match[1], id: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}

function setUpTheme() {
  const toggle = document.getElementById("theme-toggle");
  const root = document.documentElement;
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  const current = () => root.dataset.theme ?? (prefersDark.matches ? "dark" : "light");
  const label = () => {
    toggle.textContent = current() === "dark" ? "Light mode" : "Dark mode";
    toggle.setAttribute("aria-pressed", String(current() === "dark"));
  };
  toggle.addEventListener("click", () => {
    root.dataset.theme = current() === "dark" ? "light" : "dark";
    label();
  });
  prefersDark.addEventListener("change", label);
  label();
}

function start() {
  const report = loadReport();
  document.title = `${report.data.title} — document-it report`;
  document.getElementById("product-title").replaceChildren(h("a", { href: "#" }, report.data.title));
  const entries = [
    ...report.data.topics.map((item) => ({ kind: "topic", item })),
    ...report.data.documents.map((item) => ({ kind: "document", item })),
  ].map((entry) => ({ ...entry, text: searchText(report, entry.kind, entry.item), element: listItem(entry.kind, entry.item) }));
  document.getElementById("topic-list").replaceChildren(...entries.filter((entry) => entry.kind === "topic").map((entry) => entry.element));
  document.getElementById("document-list").replaceChildren(...entries.filter((entry) => entry.kind === "document").map((entry) => entry.element));

  const detail = document.getElementById("detail");
  const graph = drawGraph(document.getElementById("graph"), report, (kind, id) => {
    window.location.hash = itemHash(kind, id);
    // At once, not on the hashchange event that follows later (and not at all when the hash was already this item's).
    show();
  });
  const show = () => {
    const selected = readHash();
    const item = selected === undefined ? undefined : (selected.kind === "topic" ? report.topicsById : report.documentsById).get(selected.id);
    const parts = item === undefined ? renderHome(report) : selected.kind === "topic" ? renderTopic(report, item) : renderDocument(report, item);
    detail.replaceChildren(append(document.createDocumentFragment(), parts));
    graph.select(item === undefined ? undefined : selected.kind, item === undefined ? undefined : item.id);
    for (const entry of entries) entry.element.firstChild.setAttribute("aria-current", String(item === entry.item));
    if (item !== undefined) detail.scrollIntoView({ block: "start" });
  };

  const search = document.getElementById("search");
  const filter = () => {
    const terms = search.value.toLowerCase().split(/\s+/).filter((term) => term !== "");
    const visible = new Set();
    for (const entry of entries) {
      const shown = terms.every((term) => entry.text.includes(term));
      entry.element.hidden = !shown;
      if (shown) visible.add(entry.item);
    }
    document.getElementById("no-results").hidden = visible.size > 0;
    graph.filter((_kind, item) => visible.has(item));
  };
  search.addEventListener("input", filter);
  window.addEventListener("hashchange", show);
  // A list link shows its item at once too, as a graph node does.
  for (const list of [document.getElementById("topic-list"), document.getElementById("document-list")]) {
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      window.location.hash = link.hash;
      show();
    });
  }
  setUpTheme();
  filter();
  show();
}

start();
