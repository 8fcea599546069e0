import type {
  ClusterProvisioning,
  EniConfig,
  KarpenterNodePool,
  VpcCniSettings,
  ZonalSubnet,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * A subnet selector term of an `EC2NodeClass` or an Auto Mode `NodeClass`:
 * an id, or tags that must all match (`*` = any value). Terms are ORed.
 *
 * @public
 */
export interface SubnetSelectorTerm {
  id?: string;
  tags?: Record<string, string>;
}

/**
 * A node class before its selector terms are resolved to subnets.
 *
 * @public
 */
export interface NodeClassSelectors {
  name: string;
  kind: 'ec2-node-class' | 'auto-mode';
  /** `status.subnets` when Karpenter has resolved them; then no lookup is needed. */
  subnets?: ZonalSubnet[];
  subnetSelectorTerms: SubnetSelectorTerm[];
  /** Auto Mode's `spec.podSubnetSelectorTerms`. */
  podSubnetSelectorTerms?: SubnetSelectorTerm[];
  ipv4PrefixSize?: 'Auto' | '32';
}

/**
 * What the add-on resources of a cluster say, with the node classes'
 * selector terms still to resolve (`resolveProvisioning`).
 *
 * @public
 */
export interface UnresolvedProvisioning {
  cni?: VpcCniSettings;
  nodePools?: KarpenterNodePool[];
  nodeClasses: NodeClassSelectors[];
  eniConfigs?: EniConfig[];
}

/**
 * The add-on objects as listed (each absent when it was not read: the CRD
 * is not installed, or Backstage may not read it).
 *
 * @public
 */
export interface ProvisioningObjects {
  ec2NodeClasses?: unknown[];
  nodePools?: unknown[];
  autoModeNodeClasses?: unknown[];
  eniConfigs?: unknown[];
  /** The `aws-node` DaemonSet; absent when not read, null when it does not exist. */
  awsNode?: unknown | null;
}

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const ZONE_KEYS = new Set([
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
]);

/** Terms whose shape is readable; a term with neither an id nor tags selects nothing. */
function termsOf(value: unknown): SubnetSelectorTerm[] {
  return arr(value).flatMap((term): SubnetSelectorTerm[] => {
    if (!isObj(term)) return [];
    const id = str(term.id);
    if (id) return [{ id }];
    if (!isObj(term.tags)) return [];
    const tags = Object.fromEntries(
      Object.entries(term.tags).filter(
        (e): e is [string, string] => !!e[0] && typeof e[1] === 'string',
      ),
    );
    return Object.keys(tags).length > 0 ? [{ tags }] : [];
  });
}

function zonalSubnets(value: unknown): ZonalSubnet[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap(s =>
    isObj(s) && str(s.id) && str(s.zone) ? [{ id: s.id, zone: s.zone }] : [],
  );
}

function toNodePool(item: unknown): KarpenterNodePool[] {
  if (!isObj(item)) return [];
  const name = str(item.metadata?.name);
  const spec = item.spec?.template?.spec;
  const ref = spec?.nodeClassRef;
  if (!name || !isObj(ref) || !str(ref.name)) return [];
  const zones = arr(spec?.requirements).flatMap(r =>
    isObj(r) && ZONE_KEYS.has(r.key) && r.operator === 'In'
      ? arr(r.values).filter((v): v is string => typeof v === 'string')
      : [],
  );
  return [
    {
      name,
      nodeClassRef: {
        // Karpenter v1 requires the group; older objects meant EC2NodeClass.
        group: str(ref.group) ?? 'karpenter.k8s.aws',
        kind: str(ref.kind) ?? 'EC2NodeClass',
        name: ref.name,
      },
      ...(zones.length > 0 ? { zones: [...new Set(zones)].sort() } : {}),
    },
  ];
}

function toNodeClass(
  item: unknown,
  kind: NodeClassSelectors['kind'],
): NodeClassSelectors[] {
  if (!isObj(item)) return [];
  const name = str(item.metadata?.name);
  if (!name) return [];
  const spec = isObj(item.spec) ? item.spec : {};
  const status =
    kind === 'ec2-node-class' ? zonalSubnets(item.status?.subnets) : undefined;
  const size = spec.advancedNetworking?.ipv4PrefixSize;
  const podTerms = termsOf(spec.podSubnetSelectorTerms);
  return [
    {
      name,
      kind,
      ...(status && status.length > 0 ? { subnets: status } : {}),
      subnetSelectorTerms: termsOf(spec.subnetSelectorTerms),
      ...(kind === 'auto-mode' && podTerms.length > 0
        ? { podSubnetSelectorTerms: podTerms }
        : {}),
      ...(size === 'Auto' || String(size) === '32'
        ? { ipv4PrefixSize: size === 'Auto' ? 'Auto' : '32' }
        : {}),
    } as NodeClassSelectors,
  ];
}

function toEniConfig(item: unknown): EniConfig[] {
  if (!isObj(item)) return [];
  const name = str(item.metadata?.name);
  const subnetId = str(item.spec?.subnet);
  if (!name || !subnetId) return [];
  const groups = arr(item.spec?.securityGroups).filter(
    (g): g is string => typeof g === 'string',
  );
  return [
    {
      name,
      subnetId,
      ...(groups.length > 0 ? { securityGroups: groups } : {}),
    },
  ];
}

/** "true"/"false" in any case; anything else (or nothing) is unknown. */
function boolOf(v: string | undefined): boolean | undefined {
  const text = v?.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}
const intOf = (v: string | undefined) =>
  v !== undefined && /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : undefined;

/**
 * The VPC CNI's settings from the `aws-node` DaemonSet's `aws-node`
 * container (how-pod-ips-are-counted.md §7). Only literal `value`s are
 * read: a `valueFrom` (a ConfigMap…) is not known here, so left unset.
 *
 * @public
 */
export function cniSettingsOf(daemonSet: unknown): VpcCniSettings | undefined {
  if (!isObj(daemonSet)) return undefined;
  const containers = arr(daemonSet.spec?.template?.spec?.containers).filter(
    isObj,
  );
  const container =
    containers.find(c => c.name === 'aws-node') ??
    containers.find(c => String(c.image ?? '').includes('amazon-k8s-cni'));
  if (!container) return undefined;
  const env = new Map<string, string>();
  for (const e of arr(container.env)) {
    if (isObj(e) && str(e.name) && typeof e.value === 'string') {
      env.set(e.name, e.value);
    }
  }
  const settings: VpcCniSettings = {
    prefixDelegation: boolOf(env.get('ENABLE_PREFIX_DELEGATION')),
    warmPrefixTarget: intOf(env.get('WARM_PREFIX_TARGET')),
    warmIpTarget: intOf(env.get('WARM_IP_TARGET')),
    minimumIpTarget: intOf(env.get('MINIMUM_IP_TARGET')),
    warmEniTarget: intOf(env.get('WARM_ENI_TARGET')),
    maxEni: intOf(env.get('MAX_ENI')),
    customNetworking: boolOf(env.get('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG')),
    eniConfigLabelDef: str(env.get('ENI_CONFIG_LABEL_DEF')),
    subnetDiscovery: boolOf(env.get('ENABLE_SUBNET_DISCOVERY')),
  };
  return Object.fromEntries(
    Object.entries(settings).filter(([, v]) => v !== undefined),
  ) as VpcCniSettings;
}

/**
 * Normalises a cluster's Karpenter, Auto Mode and VPC CNI objects, once;
 * objects that cannot be read are left out. What was not read stays
 * absent, so the engine falls back to what the nodes show.
 *
 * @public
 */
export function toProvisioning(
  objects: ProvisioningObjects,
): UnresolvedProvisioning {
  const cni = objects.awsNode ? cniSettingsOf(objects.awsNode) : undefined;
  return {
    ...(cni ? { cni } : {}),
    ...(objects.nodePools
      ? { nodePools: objects.nodePools.flatMap(toNodePool) }
      : {}),
    nodeClasses: [
      ...(objects.ec2NodeClasses ?? []).flatMap(c =>
        toNodeClass(c, 'ec2-node-class'),
      ),
      ...(objects.autoModeNodeClasses ?? []).flatMap(c =>
        toNodeClass(c, 'auto-mode'),
      ),
    ],
    ...(objects.eniConfigs
      ? { eniConfigs: objects.eniConfigs.flatMap(toEniConfig) }
      : {}),
  };
}

/**
 * Every distinct term the node classes still need resolved.
 *
 * @public
 */
export function termsToResolve(
  unresolved: UnresolvedProvisioning,
): SubnetSelectorTerm[] {
  return unresolved.nodeClasses.flatMap(c => [
    ...(c.subnets ? [] : c.subnetSelectorTerms),
    ...(c.podSubnetSelectorTerms ?? []),
  ]);
}

/**
 * The engine's `ClusterProvisioning`, the selector terms resolved by
 * `resolve` (the union of what each term selects; a term that could not
 * be resolved selects nothing known).
 *
 * @public
 */
export function resolveProvisioning(
  unresolved: UnresolvedProvisioning,
  resolve: (terms: SubnetSelectorTerm[]) => ZonalSubnet[],
): ClusterProvisioning {
  const ec2 = unresolved.nodeClasses.filter(c => c.kind === 'ec2-node-class');
  const auto = unresolved.nodeClasses.filter(c => c.kind === 'auto-mode');
  return {
    ...(unresolved.cni ? { cni: unresolved.cni } : {}),
    ...(unresolved.nodePools ? { nodePools: unresolved.nodePools } : {}),
    ...(ec2.length > 0
      ? {
          ec2NodeClasses: ec2.map(c => ({
            name: c.name,
            subnets: c.subnets ?? resolve(c.subnetSelectorTerms),
          })),
        }
      : {}),
    ...(auto.length > 0
      ? {
          autoModeNodeClasses: auto.map(c => ({
            name: c.name,
            subnets: c.subnets ?? resolve(c.subnetSelectorTerms),
            ...(c.podSubnetSelectorTerms
              ? { podSubnets: resolve(c.podSubnetSelectorTerms) }
              : {}),
            ...(c.ipv4PrefixSize ? { ipv4PrefixSize: c.ipv4PrefixSize } : {}),
          })),
        }
      : {}),
    ...(unresolved.eniConfigs ? { eniConfigs: unresolved.eniConfigs } : {}),
  };
}
