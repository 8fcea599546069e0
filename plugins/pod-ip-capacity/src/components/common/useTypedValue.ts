import { useCallback, useEffect, useRef } from 'react';

/**
 * What a filter box asks the server for as someone types: `onType` is
 * called with each change, and calls `ask` at once for a change after a
 * pause of `ms` (a paste, the first keystroke), so that a single edit is
 * answered without waiting; the keystrokes that follow within `ms` of each
 * other are asked once, when typing pauses. Called from the input's own
 * event, so that the box and what it asks render together.
 */
export function useTypedValue(
  ask: (value: string) => void,
  ms: number,
): (value: string) => void {
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latestAsk = useRef(ask);
  latestAsk.current = ask;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (value: string) => {
      const now = Date.now();
      const afterPause = now - lastChange.current >= ms;
      lastChange.current = now;
      clearTimeout(timer.current);
      if (afterPause) latestAsk.current(value);
      else timer.current = setTimeout(() => latestAsk.current(value), ms);
    },
    [ms],
  );
}
