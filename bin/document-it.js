#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx document-it` works right after `npm ci`.
import { setMaxListeners } from "node:events";
import { register } from "tsx/esm/api";

// LangGraph listens on one abort signal per task of a step; hundreds of Send tasks are not a leak.
setMaxListeners(1000);
register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2), { interruptible: true });
