import { chunk } from './chunk';
import { mapWithConcurrency } from './mapWithConcurrency';

describe('chunk', () => {
  it('splits 450 instance ids into EC2-sized batches of 200, 200 and 50', () => {
    const ids = Array.from({ length: 450 }, (_, i) => `i-${i}`);
    expect(chunk(ids, 200).map(c => c.length)).toEqual([200, 200, 50]);
    expect(chunk(ids, 200).flat()).toEqual(ids);
  });

  it('gives no batch for no ids, and refuses a batch size of zero', () => {
    expect(chunk([], 200)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(/positive integer/);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of results and never runs more than the bound at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async n => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise(resolve => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
