/** Checks and converts command-line values; every error names the flag or argument at fault. */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { DocumentItError } from "../errors.ts";

/** The one positional argument a command takes, or a usage error naming it. */
export function single(values: string[], command: string, name: string): string {
  if (values.length !== 1) throw new DocumentItError("USAGE", `${command} takes exactly one ${name}${values.length ? `, got ${values.length}: ${values.join(" ")}` : ""} (see document-it ${command} --help)`);
  return values[0]!;
}

/** A flag's value as a positive integer, or a usage error naming the flag. */
export function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new DocumentItError("USAGE", `${flag} must be a positive integer, got "${text}"`);
  return value;
}

/** Glob values of a repeatable flag, none empty. */
export function globs(values: string[], flag: string): string[] {
  const empty = values.find((value) => !value.trim());
  if (empty !== undefined) throw new DocumentItError("USAGE", `${flag} needs a glob on URL paths such as '/guides/**', got an empty one`);
  return values;
}

/** The value of --optional. */
export function optionalPolicy(value: string): "include" | "last" | "skip" {
  if (value !== "include" && value !== "last" && value !== "skip") throw new DocumentItError("USAGE", `--optional must be include, last or skip, got "${value}"`);
  return value;
}

/** The value of --provider. */
export function provider(name: string): "local" | "openai" {
  if (name !== "local" && name !== "openai") throw new DocumentItError("USAGE", `--provider must be "openai" or "local", got "${name}"`);
  return name;
}

/** A flag's value as an http(s) URL, or a usage error naming the flag. */
export function httpUrl(text: string, flag: string): string {
  if (!/^https?:\/\/[^/]/i.test(text)) throw new DocumentItError("USAGE", `${flag} must be an http(s) URL, got "${text}"`);
  return text;
}

/** A flag's value as an existing folder, made absolute. */
export function folder(path: string, flag: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new DocumentItError("USAGE", `${flag} must be a folder, got "${path}"`);
  return resolve(path);
}

/** --agents-budget and --publish-url as report options, each checked and named when wrong. */
export function reportFlags(values: { "agents-budget"?: string | undefined; "publish-url"?: string | undefined }): { agentsBudget?: number; publishUrl?: string } {
  const budget = values["agents-budget"];
  if (budget !== undefined && (positiveInteger(budget, "--agents-budget") < 500)) throw new DocumentItError("USAGE", `--agents-budget must be at least 500 tokens, got "${budget}"`);
  return {
    ...(budget === undefined ? {} : { agentsBudget: Number(budget) }),
    ...(values["publish-url"] === undefined ? {} : { publishUrl: httpUrl(values["publish-url"], "--publish-url") }),
  };
}
