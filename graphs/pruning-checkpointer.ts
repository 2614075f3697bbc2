import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";

type PutArguments = Parameters<SqliteSaver["put"]>;

/**
 * A SqliteSaver that keeps only each thread's latest checkpoint and its pending writes. Resume, `report` and
 * retry read nothing older, and a full copy of state per step made a run's checkpoints grow by ~10 copies of it.
 * The new checkpoint is written before the older ones go, so a run killed at any moment keeps what resume needs.
 */
export class PruningSqliteSaver extends SqliteSaver {
  override async put(config: PutArguments[0], checkpoint: PutArguments[1], metadata: PutArguments[2]): ReturnType<SqliteSaver["put"]> {
    const saved = await super.put(config, checkpoint, metadata);
    const threadId = saved.configurable?.["thread_id"] as string | undefined;
    const namespace = (saved.configurable?.["checkpoint_ns"] as string | undefined) ?? "";
    if (threadId === undefined) return saved;
    // Checkpoint ids are time-ordered (uuid6), so "older" is a string comparison; the older ones' writes are
    // already applied in the new checkpoint.
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?").run(threadId, namespace, checkpoint.id);
      this.db.prepare("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?").run(threadId, namespace, checkpoint.id);
    })();
    return saved;
  }
}
