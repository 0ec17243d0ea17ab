/**
 * A signal that aborts when any of `signals` does, with that signal's reason: the runtime's
 * `AbortSignal.any` where it has one (Deno, browsers, Bun, Node 20.3 and later), else the
 * same by hand for Node 20.0 to 20.2. The hand-made one keeps a listener on each signal until
 * one aborts, so it is meant for signals that live about as long as one request.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const native = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof native === "function") return native.call(AbortSignal, [...signals]);
  const controller = new AbortController();
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const onAbort = (event: Event) => {
    controller.abort((event.target as AbortSignal).reason);
    for (const signal of signals) signal.removeEventListener("abort", onAbort);
  };
  for (const signal of signals) signal.addEventListener("abort", onAbort);
  return controller.signal;
}
