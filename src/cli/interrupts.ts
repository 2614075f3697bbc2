/** Ctrl-C for a run: the first SIGINT or SIGTERM stops it gracefully, a second one quits at once. */

/** Why a run's signal was aborted: the process signal that asked for it. */
export class InterruptRequest extends Error {
  override readonly name = "InterruptRequest";
  constructor(readonly signalName: "SIGINT" | "SIGTERM") {
    super(`${signalName} received`);
  }
}

/** The exit code of a process stopped by `signalName` (128 + its number), as shells report it. */
export function interruptExitCode(reason: unknown): number {
  return reason instanceof InterruptRequest && reason.signalName === "SIGTERM" ? 143 : 130;
}

/**
 * Listens for SIGINT and SIGTERM while a run goes on. The first aborts the returned signal: the run drops the work in
 * flight, keeps what finished, writes its traces and exits; a second exits at once. `stop` removes the listeners.
 */
export function listenForInterrupts(options: { stderr: (text: string) => void }): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onSignal = (signalName: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) process.exit(interruptExitCode(controller.signal.reason));
    options.stderr(`document-it: ${signalName}: stopping the run; what finished is kept (${signalName === "SIGINT" ? "Ctrl-C" : "SIGTERM"} again quits at once)`);
    controller.abort(new InterruptRequest(signalName));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    stop: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
