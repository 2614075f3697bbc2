import { createLocalAnalyser } from "../../src/local/index.ts";
import type { Analyser } from "../../src/types.ts";

/** One analyser call as the recorder saw it. */
export interface RecordedCall {
  question: "summarize" | "topics" | "synthesize";
  /** Document ids (summarize, topics) or the topic id (synthesize). */
  ids: string[];
  startedAt: number;
  endedAt: number;
  failed: boolean;
}

/** Options of createRecordingAnalyser. */
export interface RecordingAnalyserOptions {
  /** Wrapped analyser; the local one by default. */
  inner?: Analyser;
  /** Held before answering, so concurrent calls overlap measurably. */
  delayMs?: number;
  /** Throws for any call whose documents include one of these ids. */
  failFor?: string[];
}

/** An analyser that records every call (vercel/ai mock-model style) and can be told to fail or wait. */
export function createRecordingAnalyser(options: RecordingAnalyserOptions = {}): Analyser & { calls: RecordedCall[] } {
  const inner = options.inner ?? createLocalAnalyser();
  const calls: RecordedCall[] = [];
  const record = async <T>(question: RecordedCall["question"], ids: string[], answer: () => Promise<T>): Promise<T> => {
    const call: RecordedCall = { question, ids, startedAt: performance.now(), endedAt: 0, failed: false };
    calls.push(call);
    try {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const bad = ids.find((id) => options.failFor?.includes(id));
      if (bad) throw new Error(`analyser refused document ${bad}`);
      return await answer();
    } catch (error) {
      call.failed = true;
      throw error;
    } finally {
      call.endedAt = performance.now();
    }
  };
  return {
    provider: inner.provider,
    model: inner.model,
    extractive: inner.extractive,
    calls,
    summarize: (input) => record("summarize", input.documents.map((document) => document.id), () => inner.summarize(input)),
    topics: (input) => record("topics", input.documents.map((document) => document.id), () => inner.topics(input)),
    synthesize: (input) => record("synthesize", [input.topic.id], () => inner.synthesize(input)),
  };
}
