/**
 * Ends a wait for a service that takes no abort signal (the catalog, the
 * notifications backend): after `ms` the promise rejects, so the caller goes
 * on. The call itself is left to finish or fail on its own.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${formatWait(ms)}`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

function formatWait(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
