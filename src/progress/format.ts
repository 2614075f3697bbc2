/** Small formatters the progress display and the summary share. */

/** 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Milliseconds as "0.4s", "12.3s", "4m05s" or "1h02m". */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, milliseconds) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** Whether to colour: only on a terminal, never with NO_COLOR set (any non-empty value, per no-color.org). */
export function useColor(options: { isTTY: boolean | undefined; environment: NodeJS.ProcessEnv }): boolean {
  return Boolean(options.isTTY) && !options.environment["NO_COLOR"];
}

/** ANSI colour helpers that are the identity when colour is off. */
export function palette(color: boolean) {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}
