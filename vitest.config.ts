import { defineConfig } from "vitest/config";

// Runs spawn the CLI, start servers and load the tokenizer (seconds on a cold, busy 2-core machine):
// 5 s defaults fail on load, not on behaviour. Hangs still end, at these limits.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
