import type { LlmLimiterRegistry } from "../../llm-limiters.ts";
import { ProviderAuthError } from "../errors.ts";
import type { RequestThrottle, ThrottledRequest } from "./answer-engine.ts";
import type { AttemptResponse } from "./http-failure.ts";

/** OpenAI's API, the endpoint a limiter is keyed by when no base URL is set. */
export const OPENAI_API_URL = "https://api.openai.com/v1";

/** Output tokens charged before an answer reports its usage, when no `max_tokens` is set; settled afterwards. */
export const EXPECTED_OUTPUT_TOKENS = 1024;

/**
 * The throttle hook of the answer engine, sending every attempt through the limiter of its endpoint and model:
 * charged with the estimate, settled with the response (usage, status, headers, `retry-after`). A 401 or 403
 * stops every limiter of the endpoint, so requests waiting or retried anywhere in the run are refused unsent.
 */
export function createLimiterThrottle(options: { limiters: LlmLimiterRegistry; endpoint: string }): RequestThrottle {
  const { limiters, endpoint } = options;
  return async <T>(request: ThrottledRequest, send: () => Promise<T>): Promise<T> => {
    const limiter = limiters.limiterFor({ endpoint, model: request.model });
    const permit = await limiter.acquire({ tokens: request.estimatedInputTokens + (request.maxOutputTokens ?? EXPECTED_OUTPUT_TOKENS) });
    let released = false;
    // The slot is freed as soon as the response is in, while the client still parses it; or when `send` settles.
    const release = () => {
      if (released) return;
      released = true;
      const response = request.response();
      // Stopped before the settlement frees this slot, so no waiting caller is granted it.
      if (response.status === 401 || response.status === 403) limiters.stopEndpoint(endpoint, authError({ endpoint, model: request.model, status: response.status, message: response.message }));
      permit.settle(settlement(response));
    };
    request.onResponse(release);
    let answer: T;
    try {
      answer = await send();
    } catch (error) {
      release();
      throw limiter.stopped ?? error;
    }
    release();
    return answer;
  };
}

function settlement(response: AttemptResponse) {
  return {
    ...(response.status === undefined ? {} : { status: response.status }),
    ...(response.headers === undefined ? {} : { headers: response.headers }),
    ...(response.usage === undefined ? {} : { usedTokens: response.usage.inputTokens + response.usage.outputTokens }),
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
  };
}

function authError(options: { endpoint: string; model: string; status: number; message: string | undefined }): ProviderAuthError {
  const { endpoint, model, status } = options;
  const said = options.message ? `: ${options.message}` : "";
  const refused = status === 401 ? "refused the API key" : "refused access";
  return new ProviderAuthError(
    `the LLM endpoint ${endpoint} ${refused} (HTTP ${status} for model ${model}${said}). Check OPENAI_API_KEY: it must be set to a key this endpoint accepts for this model. The run stopped and sends no further LLM requests; \`document-it resume <run-id>\` continues it.`,
    { status },
  );
}
