/** The report writer: turns a finished run into markdown pages and JSON files. */
/** Renders every report file in memory: relative path → content. */
export { renderReport } from "./render-report.ts";
/** Renders the report and swaps it into the output folder in one step. */
export { writeReport } from "./write-report.ts";
