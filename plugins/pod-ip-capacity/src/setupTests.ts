import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A whole test app renders in well under a second alone, but CI runs every
// package's suites in parallel on two cores: `findBy…` waits up to 10 s, not
// 1, and a test up to 30 s, not 5 (set here: in a multi-project run Jest
// ignores a package's own `testTimeout`).
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

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
