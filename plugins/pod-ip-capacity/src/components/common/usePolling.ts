import { useEffect } from 'react';

/**
 * Calls `retry` every `intervalMs` while `active`: used while the backend
 * has not collected a cluster yet (status `pending`), so the view fills in
 * by itself after the first refresh.
 */
export function usePolling(
  active: boolean,
  retry: () => void,
  intervalMs = 5000,
) {
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(retry, intervalMs);
    return () => clearTimeout(timer);
  }, [active, retry, intervalMs]);
}
