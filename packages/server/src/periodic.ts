/**
 * Runs background work on a timer in a server process: never two runs at once, errors
 * reported (never thrown out of the timer), and `stop` waits for the run in progress.
 * `work` receives a function telling whether stopping was asked, to end long loops early.
 */
export function runPeriodically(work: (stopping: () => boolean) => Promise<unknown>, onError: (error: unknown) => void, everyMs: number, options: { atStart?: boolean } = {}) {
  let running: Promise<void> | null = null;
  let stopping = false;
  const run = () => {
    if (running || stopping) return;
    running = (async () => {
      try {
        await work(() => stopping);
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  if (options.atStart) run();
  return {
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}
