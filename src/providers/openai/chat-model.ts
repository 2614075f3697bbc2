import { ChatOpenAI } from "@langchain/openai";

/** The last HTTP exchange of one attempt, as the wire carried it (the SDK hides bodies of answers it fails to parse). */
export interface HttpExchange {
  status?: number;
  headers?: Headers;
  body?: string;
}

/** Settings of the chat models an analyser creates. */
export interface ChatModelSettings {
  baseUrl?: string;
  apiKey: string;
  timeoutMs: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** The fetch the OpenAI client uses; global fetch by default. */
  fetch?: typeof globalThis.fetch;
}

/**
 * A ChatOpenAI for one attempt, recording its HTTP exchange into `exchange`. Retries are off: the caller
 * retries, so one limiter can see every attempt. One instance per attempt keeps the exchange unambiguous
 * under concurrency; instances are cheap (the client is created lazily, connections are pooled by fetch).
 */
export function createChatModel(model: string, settings: ChatModelSettings, exchange: HttpExchange): ChatOpenAI {
  const baseFetch = settings.fetch ?? globalThis.fetch;
  const recordingFetch: typeof globalThis.fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    exchange.status = response.status;
    exchange.headers = response.headers;
    exchange.body = await response.clone().text();
    return response;
  };
  return new ChatOpenAI({
    model,
    apiKey: settings.apiKey,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    useResponsesApi: false,
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    ...(settings.maxOutputTokens === undefined ? {} : { maxTokens: settings.maxOutputTokens }),
    configuration: { fetch: recordingFetch, ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }) },
  });
}
