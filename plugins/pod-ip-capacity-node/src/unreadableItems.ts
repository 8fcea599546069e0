import { ClusterProblem } from './lib/problems';

/**
 * The kinds of item a collector can fail to read.
 *
 * @public
 */
export type UnreadableKind =
  | 'kubernetes-item'
  | 'pod-ip'
  | 'node'
  | 'subnet'
  | 'address'
  | 'instance';

/** What each kind of unreadable item is, and what the collector does then. */
const KINDS: Record<
  UnreadableKind,
  {
    source: 'kubernetes' | 'ec2';
    what: readonly [string, string];
    then: string;
  }
> = {
  'kubernetes-item': {
    source: 'kubernetes',
    what: [
      'list item that is not an object',
      'list items that are not objects',
    ],
    then: 'left out',
  },
  'pod-ip': {
    source: 'kubernetes',
    what: [
      'pod whose IP is not an IP address',
      'pods whose IP is not an IP address',
    ],
    then: 'the IP is left out of the counts',
  },
  node: {
    source: 'kubernetes',
    what: [
      'node whose spec.providerID names no EC2 instance',
      'nodes whose spec.providerID names no EC2 instance',
    ],
    then: 'their pod IPs cannot be placed on ENIs',
  },
  subnet: {
    source: 'ec2',
    what: [
      'subnet whose CIDR cannot be read',
      'subnets whose CIDR cannot be read',
    ],
    then: 'left out of the counts',
  },
  address: {
    source: 'ec2',
    what: [
      'ENI with addresses or prefixes that cannot be read',
      'ENIs with addresses or prefixes that cannot be read',
    ],
    then: 'those addresses are left out of the counts',
  },
  instance: {
    source: 'ec2',
    what: ['instance without an id or type', 'instances without an id or type'],
    then: 'left out',
  },
};

const EXAMPLES = 5;

/**
 * Items of an otherwise good answer that cannot be read (an invalid CIDR or
 * IP, a `null` in a list): each is reported, none fails the cluster, and
 * none is dropped silently. One problem per kind, naming a few examples, so
 * that a thousand bad items are one line, not a thousand.
 *
 * @public
 */
export class UnreadableItems {
  private readonly byKind = new Map<
    UnreadableKind,
    { count: number; examples: string[] }
  >();

  add(kind: UnreadableKind, item: string) {
    let entry = this.byKind.get(kind);
    if (!entry) this.byKind.set(kind, (entry = { count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < EXAMPLES) entry.examples.push(label(item));
  }

  /** Takes in what another collector part found (a list read on its own). */
  addAll(other: UnreadableItems) {
    for (const [kind, { count, examples }] of other.byKind) {
      let entry = this.byKind.get(kind);
      if (!entry) this.byKind.set(kind, (entry = { count: 0, examples: [] }));
      entry.count += count;
      entry.examples.push(
        ...examples.slice(0, EXAMPLES - entry.examples.length),
      );
    }
  }

  get size(): number {
    return this.byKind.size;
  }

  toProblems(cluster: string): ClusterProblem[] {
    return [...this.byKind].map(([kind, { count, examples }]) => {
      const { source, what, then } = KINDS[kind];
      const more =
        count > examples.length ? ` and ${count - examples.length} more` : '';
      return {
        source,
        code: 'UnreadableItems',
        message: `${
          source === 'ec2' ? 'EC2' : `Cluster ${cluster}`
        } returned ${count} ${what[count === 1 ? 0 : 1]} (${examples.join(
          ', ',
        )}${more}): ${then}.`,
      };
    });
  }
}

/** An identifier from upstream, safe to show: printable and short. */
function label(item: string): string {
  const clean = item.replace(/[^\w./:@-]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean || '(unnamed)';
}
