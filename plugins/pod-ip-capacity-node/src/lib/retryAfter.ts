/** The longest a `Retry-After` is honoured. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * How long a 429's `Retry-After` asks to wait, in seconds or as an HTTP date,
 * bounded to 10 s; 1 s when absent or unreadable.
 *
 * @public
 */
export function retryAfterMs(
  header: string | null | undefined,
  now = Date.now(),
): number {
  if (!header) return 1000;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds)
    ? seconds * 1000
    : Date.parse(header) - now;
  return Math.min(
    MAX_RETRY_AFTER_MS,
    Math.max(0, Number.isFinite(ms) ? ms : 1000),
  );
}
