import type { DocumentItGraph } from "./compile.ts";
import { graph } from "./index.ts";

/** What the LangGraph server passes a graph factory: why it wants the graph. */
interface ServerRuntime {
  accessContext?: string;
}

// A StateSchema seen with one JSON schema method, answering its full JSON schema (required fields kept), and
// without the other; fields and validation are the schema's own.
function withOneJsonSchema<T extends { getJsonSchema(): unknown }>(schema: T, method: "getJsonSchema" | "getInputJsonSchema"): T {
  const other = method === "getJsonSchema" ? "getInputJsonSchema" : "getJsonSchema";
  return Object.create(schema, { [method]: { value: () => schema.getJsonSchema() }, [other]: { value: undefined } }) as T;
}

/**
 * langgraph-api 1.5.1 reports no configuration schema for a graph whose state is a StateSchema
 * (langgraphjs#2466): it spots StateSchema by looking for both `getJsonSchema` and `getInputJsonSchema`,
 * then leaves the context out. Seen through this view, each schema lacks one of the two, so the server asks
 * LangGraph's own schema helpers instead, which report the input, the state and the context (Configuration).
 */
function schemaView(compiled: DocumentItGraph): DocumentItGraph {
  type Schema = { getJsonSchema(): unknown };
  const builder = compiled.builder as unknown as Record<"_schemaRuntimeDefinition" | "_inputRuntimeDefinition" | "_outputRuntimeDefinition", Schema>;
  // LangGraph's helpers ask the state and the input for `getInputJsonSchema`, the output for `getJsonSchema`.
  const view = Object.create(builder, {
    _schemaRuntimeDefinition: { value: withOneJsonSchema(builder._schemaRuntimeDefinition, "getInputJsonSchema") },
    _inputRuntimeDefinition: { value: withOneJsonSchema(builder._inputRuntimeDefinition, "getInputJsonSchema") },
    _outputRuntimeDefinition: { value: withOneJsonSchema(builder._outputRuntimeDefinition, "getJsonSchema") },
  }) as DocumentItGraph["builder"];
  return new Proxy(compiled, { get: (target, property, receiver) => (property === "builder" ? view : Reflect.get(target, property, receiver)) });
}

const readView = schemaView(graph);

/**
 * The graph `langgraph.json` registers, as a factory the server calls per request: runs get the compiled
 * graph itself; reads of the assistant (its schemas, drawing and subgraphs) get a view whose schemas Studio
 * can show, configuration form included.
 */
export function studioGraph(_config: unknown, runtime?: ServerRuntime): DocumentItGraph {
  return runtime?.accessContext === "assistants.read" ? readView : graph;
}
