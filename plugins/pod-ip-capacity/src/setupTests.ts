import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A whole test app renders in well under a second alone, but CI runs every
// package's suites in parallel on two cores: `findBy…` waits up to 5 s, not 1.
configure({ asyncUtilTimeout: 5000 });

// Charts (recharts' ResponsiveContainer) watch their size; jsdom has no
// ResizeObserver and lays nothing out, so give them one that reports a size.
class TestResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [
        {
          target,
          contentRect: { width: 600, height: 180 } as DOMRectReadOnly,
        } as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    TestResizeObserver;
}
