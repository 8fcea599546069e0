import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

const matches = (selector: string, labels: Record<string, string>) =>
  matchesLabelSelector(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  const checkout = { app: 'checkout', tier: 'web', env: 'prod' };

  it('matches equality requirements (=, ==, !=)', () => {
    expect(matches('app=checkout', checkout)).toBe(true);
    expect(matches('app==checkout', checkout)).toBe(true);
    expect(matches('app=cart', checkout)).toBe(false);
    expect(matches('app=checkout,env!=dev', checkout)).toBe(true);
    expect(matches('app=checkout,env!=prod', checkout)).toBe(false);
    // != matches pods without the label, as kubectl does.
    expect(matches('team!=payments', checkout)).toBe(true);
  });

  it('matches set-based requirements (in, notin, exists, !exists)', () => {
    expect(matches('tier in (web, api)', checkout)).toBe(true);
    expect(matches('tier in (api,worker)', checkout)).toBe(false);
    expect(matches('env notin (dev,staging)', checkout)).toBe(true);
    expect(matches('env notin (prod)', checkout)).toBe(false);
    expect(matches('app', checkout)).toBe(true);
    expect(matches('!canary', checkout)).toBe(true);
    expect(matches('!tier', checkout)).toBe(false);
    // commas inside parentheses do not split requirements
    expect(matches('app,tier in (web,api),env=prod', checkout)).toBe(true);
  });

  it('requires a label to exist for =/in', () => {
    expect(matches('team=payments', checkout)).toBe(false);
    expect(matches('team in (payments)', checkout)).toBe(false);
  });

  it('selects everything with the empty selector', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(matches('', {})).toBe(true);
  });

  it('rejects what is not a selector', () => {
    expect(() => parseLabelSelector('app=(x')).toThrow(/Invalid label/);
    expect(() => parseLabelSelector('app in (a b)')).toThrow(/Invalid label/);
  });

  it('accepts prefixed keys', () => {
    expect(
      matches('backstage.io/kubernetes-id=checkout', {
        'backstage.io/kubernetes-id': 'checkout',
      }),
    ).toBe(true);
  });
});
