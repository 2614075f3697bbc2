import { documentNamedAnswers } from "./llm-calls.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "./mock-openai-server.ts";

/** A mock endpoint that can stop answering: from a chat completion on, requests wait until released, then get a 503. */
export interface HoldingMock {
  mock: MockOpenAIServer;
  /** Holds every chat completion from the `from`-th of the mock's records on. */
  holdFrom(from: number): void;
  /** The requests held so far. */
  held(): RecordedRequest[];
  /** Answers the held requests (503) and stops holding. */
  release(): void;
}

/** Starts a mock answering with documentNamedAnswers until told to hold. */
export async function startHoldingMock(): Promise<HoldingMock> {
  let hold: { from: number; held: RecordedRequest[]; released: Promise<void>; release: () => void } | undefined;
  const mock: MockOpenAIServer = await startMockOpenAIServer({
    respond: async (request) => {
      if (hold && mock.completions().indexOf(request) >= hold.from) {
        hold.held.push(request);
        await hold.released;
        return { status: 503, body: { error: { message: "mock: held until the client stopped" } } };
      }
      return documentNamedAnswers(request);
    },
  });
  return {
    mock,
    holdFrom(from) {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { from, held: [], released, release };
    },
    held: () => hold?.held ?? [],
    release() {
      const current = hold;
      hold = undefined;
      current?.release();
    },
  };
}
