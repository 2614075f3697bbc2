// The bench's generated site and mock LLMs in a process of their own, so the measured pipeline does not share its
// thread with them (a real endpoint does not run in the caller's process). Driven by bench/servers-process.ts over IPC:
// each message is a ServersRequest, each answer a ServersReply with the same id.
import type { MockOpenAIServer } from "../test/helpers/mock-openai-server.ts";
import { type BenchSite, callFigures, startBenchMock, startBenchSite } from "./pipeline.ts";
import type { ServersReply, ServersRequest } from "./servers-process.ts";

let site: BenchSite | undefined;
const mocks = new Map<number, MockOpenAIServer>();
let nextMock = 1;

async function handle(request: ServersRequest): Promise<unknown> {
  switch (request.kind) {
    case "site": {
      site = await startBenchSite({ documents: request.documents });
      return { source: site.source, documentTokens: site.documentTokens, documents: site.corpus.documentPaths.length };
    }
    case "site-requests":
      return site!.server.requests.slice(request.since);
    case "mock": {
      const mock = await startBenchMock({ latencyMs: request.latencyMs });
      const id = nextMock++;
      mocks.set(id, mock);
      return { id, baseUrl: mock.baseUrl };
    }
    case "mock-figures": {
      const mock = mocks.get(request.id)!;
      const figures = callFigures(mock.requests);
      await mock.close();
      mocks.delete(request.id);
      return figures;
    }
  }
}

process.on("message", (message: { id: number; request: ServersRequest }) => {
  handle(message.request).then(
    (value) => process.send!({ id: message.id, ok: true, value } satisfies ServersReply),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies ServersReply),
  );
});
process.on("disconnect", () => process.exit(0));
process.send!({ id: 0, ok: true, value: "ready" } satisfies ServersReply);
