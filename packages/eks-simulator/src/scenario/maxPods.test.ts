import { BUILTIN_INSTANCE_TYPES, normaliseInstanceType } from './instanceTypes';
import { maxPodsFor } from './maxPods';

describe('maxPodsFor', () => {
  const type = (name: string) =>
    normaliseInstanceType(BUILTIN_INSTANCE_TYPES.find(t => t.name === name)!);
  it('matches the how-pod-ips-are-counted.md §4 vectors', () => {
    expect(maxPodsFor(type('m5.large'), 'secondary-ip')).toBe(29);
    expect(maxPodsFor(type('m5.large'), 'prefix')).toBe(110);
    expect(maxPodsFor(type('m5.24xlarge'), 'prefix')).toBe(250);
    expect(maxPodsFor(type('t3.medium'), 'secondary-ip')).toBe(17);
    expect(maxPodsFor(type('m5.large'), 'secondary-ip', true)).toBe(20);
  });
});
