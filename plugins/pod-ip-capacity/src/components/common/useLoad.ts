import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

export interface Loaded<T> {
  /** The last good answer; kept while reloading and after a failed reload. */
  value?: T;
  /** The last failure, cleared by the next good answer. */
  error?: unknown;
  loading: boolean;
  /** Ask again now. */
  reload: () => void;
}

/**
 * Loads `load()` when `deps` change, and again after `pollMs` once each
 * answer (or failure) is in, while `pollMs` is set: pages re-fetch on a
 * schedule, and quickly while a refresh runs. A reload keeps the last good
 * answer on screen; answers to superseded requests are dropped.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  pollMs?: number,
): Loaded<T> {
  const [state, setState] = useState<{
    value?: T;
    error?: unknown;
    loading: boolean;
  }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setTick(t => t + 1), []);

  useEffect(() => {
    const request = ++latest.current;
    let cancelled = false;
    setState(s => ({ ...s, loading: true }));
    load().then(
      value => {
        if (!cancelled && request === latest.current) {
          setState({ value, loading: false });
        }
      },
      error => {
        if (!cancelled && request === latest.current) {
          setState(s => ({ value: s.value, error, loading: false }));
        }
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  useEffect(() => {
    if (!pollMs || state.loading) return undefined;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [pollMs, state.loading, state.value, state.error, reload]);

  return { ...state, reload };
}
