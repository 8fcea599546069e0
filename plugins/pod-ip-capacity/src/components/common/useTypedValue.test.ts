import { act, renderHook } from '@testing-library/react';
import { useTypedValue } from './useTypedValue';

describe('useTypedValue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks at once for a change after a pause, and once for a burst of keystrokes when typing pauses', () => {
    const asked: string[] = [];
    const { result } = renderHook(() =>
      useTypedValue(value => asked.push(value), 300),
    );

    // A paste (or the first keystroke) after a pause: no wait.
    act(() => result.current('i-0a'));
    expect(asked).toEqual(['i-0a']);

    // Two more keystrokes 100 ms apart: nothing until 300 ms after the last.
    act(() => jest.advanceTimersByTime(100));
    act(() => result.current('i-0ab'));
    act(() => jest.advanceTimersByTime(100));
    act(() => result.current('i-0abc'));
    act(() => jest.advanceTimersByTime(299));
    expect(asked).toEqual(['i-0a']);
    act(() => jest.advanceTimersByTime(1));
    expect(asked).toEqual(['i-0a', 'i-0abc']);
  });

  it('asks nothing after the box is gone', () => {
    const asked: string[] = [];
    const { result, unmount } = renderHook(() =>
      useTypedValue(value => asked.push(value), 300),
    );
    act(() => result.current('a'));
    act(() => result.current('ab'));
    unmount();
    act(() => jest.advanceTimersByTime(1000));
    expect(asked).toEqual(['a']);
  });
});
