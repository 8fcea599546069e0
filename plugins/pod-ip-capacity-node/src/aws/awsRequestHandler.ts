/**
 * Timeouts for every AWS call: without them one hung connection keeps a
 * refresh (or a command) running for as long as the socket lives. With
 * `throwOnRequestTimeout` a hung call fails with a `TimeoutError`, which the
 * SDK retries like any transient error and `awsProblem` reports as such.
 *
 * @public
 */
export function awsRequestHandler(requestTimeoutMs: number) {
  return {
    connectionTimeout: Math.min(5000, requestTimeoutMs),
    requestTimeout: requestTimeoutMs,
    throwOnRequestTimeout: true,
  };
}
