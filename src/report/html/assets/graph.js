// The topic–document graph, drawn from the layout computed when the report was written.

const LABEL_LENGTH = 30;

function shorten(text) {
  return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
}

/** Draws the graph into the SVG element; returns a handle to select nodes and dim the ones a search hides. */
function drawGraph(root, report, onSelect) {
  const { graph, topics, documents } = report.data;
  root.setAttribute("viewBox", `0 0 ${graph.width} ${graph.height}`);
  root.setAttribute("width", graph.width);
  root.setAttribute("height", graph.height);
  const items = graph.nodes.map((node) => (node.kind === "topic" ? topics[node.index] : documents[node.index]));
  const lines = graph.edges.map(([from, to]) => {
    const start = graph.nodes[from];
    const end = graph.nodes[to];
    return svg("line", { x1: start.x, y1: start.y, x2: end.x, y2: end.y });
  });
  const groups = graph.nodes.map((node, position) => {
    const item = items[position];
    const name = node.kind === "topic" ? item.name : item.title;
    const isTopic = node.kind === "topic";
    const failed = isTopic ? item.guideline === undefined : item.status === "failed";
    const group = svg("g", { class: `node ${node.kind}${failed ? " failed" : ""}`, "data-kind": node.kind, "data-id": item.id,
      tabindex: 0, role: "link", "aria-label": `${node.kind}: ${name}` },
      svg("title", {}, name),
      svg("circle", { cx: node.x, cy: node.y, r: 6 }),
      svg("text", { x: isTopic ? node.x - 12 : node.x + 12, y: node.y, "text-anchor": isTopic ? "end" : "start",
        "dominant-baseline": "middle" }, shorten(name)));
    const select = () => onSelect(node.kind, item.id);
    group.addEventListener("click", select);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select();
      }
    });
    return group;
  });
  root.replaceChildren(svg("g", { class: "edges" }, lines), svg("g", { class: "nodes" }, groups));

  const key = (kind, id) => `${kind}\u0000${id}`;
  const positionOf = new Map(items.map((item, position) => [key(graph.nodes[position].kind, item.id), position]));
  return {
    /** Marks the node of the shown item and its edges; `undefined` clears the mark. */
    select(kind, id) {
      const selected = kind === undefined ? undefined : positionOf.get(key(kind, id));
      groups.forEach((group, position) => group.classList.toggle("selected", position === selected));
      graph.edges.forEach(([from, to], index) => lines[index].classList.toggle("highlight", from === selected || to === selected));
    },
    /** Dims the nodes whose item the search hides, and edges with a dimmed end. */
    filter(isVisible) {
      const visible = graph.nodes.map((node, position) => isVisible(node.kind, items[position]));
      groups.forEach((group, position) => group.classList.toggle("dim", !visible[position]));
      graph.edges.forEach(([from, to], index) => lines[index].classList.toggle("dim", !visible[from] || !visible[to]));
    },
  };
}
