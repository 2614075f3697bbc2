import { createRequire } from "node:module"; const require = createRequire(import.meta.url);
import { join } from "node:path";
import Database from "better-sqlite3";
import { startRun } from "./graphs/run.ts";
import { writeCorpus } from "./test/helpers/corpus.ts";
import { temporaryFolder } from "./test/helpers/graph-harness.ts";
for (const bytes of [1000, 100000]) {
  const folder = temporaryFolder();
  writeCorpus({ folder: join(folder, "docs"), documents: 20, bytes });
  const statePath = join(folder, "state.db");
  const t = Date.now();
  await startRun({ source: join(folder, "docs"), statePath, outDir: join(folder, "out"), runId: "r", services: { onEvent: () => undefined } });
  console.log(bytes, "ms", Date.now() - t);
  const db = new Database(statePath);
  console.log(db.prepare("SELECT channel, COUNT(*) n, SUM(LENGTH(value)) b FROM writes GROUP BY channel").all());
  console.log(JSON.parse(require("fs").readFileSync(join(folder,"out","analysis.json"),"utf8")).topics.map((t:any)=>t.name+":"+t.documentIds.length).join(", "));console.log(db.prepare("SELECT COUNT(*) n, SUM(LENGTH(checkpoint)) c, SUM(LENGTH(metadata)) m FROM checkpoints").all());
}
