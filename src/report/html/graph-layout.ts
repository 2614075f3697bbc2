/** A deterministic two-column layout of the topic–document graph: topics left, documents right. */

/** One drawn node; `index` points into the report data's topics or documents. */
export interface GraphNode {
  kind: "topic" | "document";
  index: number;
  x: number;
  y: number;
}

/** The laid-out graph; each edge is [topic node position, document node position] in `nodes`. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: Array<[number, number]>;
}

const WIDTH = 720;
const TOPIC_COLUMN = 250;
const DOCUMENT_COLUMN = 470;
const ROW = 26;
const PADDING = 20;
const SWEEPS = 4;

// Orders one column by the mean position of each node's neighbours in the other column (the barycentre
// heuristic), which removes most edge crossings. Ties and unlinked nodes keep their previous order, so the
// layout depends only on the input.
function orderByNeighbours(options: { order: number[]; neighbours: number[][]; otherPosition: Map<number, number> }): number[] {
  const keyed = options.order.map((node, previous) => {
    const positions = options.neighbours[node]!.map((neighbour) => options.otherPosition.get(neighbour)!);
    const mean = positions.length === 0 ? Number.POSITIVE_INFINITY : positions.reduce((sum, value) => sum + value, 0) / positions.length;
    return { node, previous, mean };
  });
  keyed.sort((left, right) => left.mean - right.mean || left.previous - right.previous);
  return keyed.map((entry) => entry.node);
}

function positions(order: number[]): Map<number, number> {
  return new Map(order.map((node, position) => [node, position]));
}

/** Lays out topics and documents in two columns; `links` are [topic index, document index] pairs. */
export function layoutGraph(options: { topicCount: number; documentCount: number; links: Array<[number, number]> }): GraphLayout {
  const topicNeighbours: number[][] = Array.from({ length: options.topicCount }, () => []);
  const documentNeighbours: number[][] = Array.from({ length: options.documentCount }, () => []);
  for (const [topic, document] of options.links) {
    topicNeighbours[topic]!.push(document);
    documentNeighbours[document]!.push(topic);
  }
  let topicOrder = topicNeighbours.map((_neighbours, index) => index);
  let documentOrder = documentNeighbours.map((_neighbours, index) => index);
  for (let sweep = 0; sweep < SWEEPS; sweep += 1) {
    documentOrder = orderByNeighbours({ order: documentOrder, neighbours: documentNeighbours, otherPosition: positions(topicOrder) });
    topicOrder = orderByNeighbours({ order: topicOrder, neighbours: topicNeighbours, otherPosition: positions(documentOrder) });
  }

  const rows = Math.max(1, options.topicCount, options.documentCount);
  const height = rows * ROW + 2 * PADDING;
  // The shorter column is spread over the same height, so its edges fan out instead of bunching at the top.
  const place = (order: number[], kind: GraphNode["kind"], x: number): GraphNode[] => {
    const step = (height - 2 * PADDING) / Math.max(1, order.length);
    return order.map((index, position) => ({ kind, index, x, y: Math.round(PADDING + (position + 0.5) * step) }));
  };
  const nodes = [...place(topicOrder, "topic", TOPIC_COLUMN), ...place(documentOrder, "document", DOCUMENT_COLUMN)];
  const topicNode = new Map(topicOrder.map((index, position) => [index, position]));
  const documentNode = new Map(documentOrder.map((index, position) => [index, options.topicCount + position]));
  const edges = options.links.map(([topic, document]): [number, number] => [topicNode.get(topic)!, documentNode.get(document)!]);
  return { width: WIDTH, height, nodes, edges };
}
