/**
 * The REST contract of `/api/pod-ip-capacity`: the one source of truth for its
 * routes, inputs and response shapes. The router validates every request
 * against it; the backend's tests validate every response against it, which
 * keeps the engine's types (plugins/pod-ip-capacity-common) honest.
 */

const int = { type: 'integer', minimum: 0 } as const;
const str = { type: 'string' } as const;
const strList = { type: 'array', items: str } as const;
const ref = (name: string) =>
  ({ $ref: `#/components/schemas/${name}` } as const);

/** An object schema whose listed properties are all required. */
function obj(
  properties: Record<string, unknown>,
  optional: string[] = [],
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter(k => !optional.includes(k)),
    properties,
    ...extra,
  };
}

const nodeIpMode = {
  type: 'string',
  enum: [
    'prefix',
    'secondary-ip',
    'custom-networking',
    'auto-mode',
    'fargate',
    'ipv6',
    'unknown',
  ],
};
const inventoryUnknown = {
  type: 'string',
  enum: ['otherNetworkInterfaces', 'cidrReservations'],
};
const unattributedReason = {
  type: 'string',
  enum: ['branch-eni', 'fargate', 'other-eni', 'node-not-described', 'unknown'],
};
const wall = {
  type: 'string',
  enum: ['pod-limit', 'instance-ips', 'subnet', 'unknown'],
};

/** A cluster's line in GET /clusters; GET /clusters/{name} adds `capacity`. */
const clusterSummaryProperties = {
  name: str,
  title: str,
  authProvider: str,
  region: str,
  accountId: str,
  snapshot: ref('SnapshotInfo'),
  ipFamily: { type: 'string', enum: ['ipv4', 'ipv6'] },
  totals: ref('ClusterTotals'),
  subnetsAtRisk: { type: 'array', items: ref('SubnetAtRisk') },
};
const clusterSummaryOptional = [
  'title',
  'authProvider',
  'region',
  'accountId',
  'ipFamily',
  'totals',
];

const schemas = {
  Error: obj(
    {
      error: obj({ name: str, message: str }, [], {
        additionalProperties: true,
      }),
      request: { type: 'object' },
      response: obj({ statusCode: int }),
    },
    ['request'],
  ),
  ClusterProblem: obj(
    {
      source: {
        type: 'string',
        enum: ['kubernetes', 'ec2', 'config', 'internal'],
      },
      code: str,
      action: str,
      message: str,
    },
    ['action'],
  ),
  SnapshotInfo: obj(
    {
      status: {
        type: 'string',
        enum: ['ok', 'partial', 'stale', 'error', 'pending'],
      },
      collectedAt: { type: 'string', format: 'date-time' },
      attemptedAt: { type: 'string', format: 'date-time' },
      ageSeconds: int,
      stale: { type: 'boolean' },
      refreshing: { type: 'boolean' },
      problems: { type: 'array', items: ref('ClusterProblem') },
    },
    ['collectedAt', 'attemptedAt', 'ageSeconds'],
  ),
  ClusterRef: obj(
    { name: str, title: str, authProvider: str, region: str, accountId: str },
    ['title', 'authProvider', 'region', 'accountId'],
  ),
  PrefixUsage: obj({
    cidr: str,
    total: int,
    assigned: int,
    available: int,
    podIps: strList,
  }),
  SecondaryIpUsage: obj({
    total: int,
    assigned: int,
    available: int,
    podIps: strList,
  }),
  EniUsage: obj(
    {
      networkInterfaceId: str,
      interfaceType: str,
      deviceIndex: int,
      networkCardIndex: int,
      primaryIp: str,
      subnetId: str,
      subnetCidr: str,
      mode: { type: 'string', enum: ['prefix', 'secondary-ip', 'none'] },
      prefixes: { type: 'array', items: ref('PrefixUsage') },
      secondaryIps: ref('SecondaryIpUsage'),
      total: int,
      assigned: int,
      available: int,
      ipv6Prefixes: strList,
    },
    ['primaryIp', 'subnetCidr'],
  ),
  NodeUsage: obj(
    {
      name: str,
      instanceId: str,
      instanceType: str,
      zone: str,
      nodeGroup: str,
      mode: nodeIpMode,
      prefixDelegation: { type: 'boolean' },
      customNetworking: { type: 'boolean' },
      podSubnetId: str,
      notDescribedByEc2: { type: 'boolean' },
      pods: obj({
        total: int,
        withVpcIp: int,
        hostNetwork: int,
        pendingWithoutIp: int,
        completedWithStaleIp: int,
        unattributed: int,
      }),
      ips: obj({ held: int, used: int, idle: int }),
      limits: obj(
        {
          allocatable: int,
          secondaryIp: int,
          customNetworking: int,
          prefix: int,
          effective: int,
        },
        [
          'allocatable',
          'secondaryIp',
          'customNetworking',
          'prefix',
          'effective',
        ],
      ),
      headroom: obj(
        {
          pods: int,
          podLimitRoom: int,
          ipRoom: int,
          fromIdleIps: int,
          attachablePrefixes: int,
          attachableSecondaryIps: int,
          freeAddressSlots: int,
          wall,
        },
        ['podLimitRoom', 'ipRoom'],
      ),
      networkInterfaces: { type: 'array', items: ref('EniUsage') },
    },
    ['instanceId', 'instanceType', 'zone', 'podSubnetId', 'notDescribedByEc2'],
  ),
  SubnetUsage: obj(
    {
      subnetId: str,
      cidr: str,
      availabilityZone: str,
      size: int,
      usable: int,
      available: int,
      used: { type: 'integer' },
      holders: obj({
        nodePrimaryIps: int,
        networkInterfacePrimaryIps: int,
        prefixes: int,
        prefixAddresses: int,
        secondaryIps: int,
        foreignNetworkInterfaces: int,
        foreignAddresses: int,
        foreignAddressesByType: {
          type: 'object',
          additionalProperties: int,
        },
        explicitReservationAddresses: int,
        prefixReservationAddresses: int,
        unexplained: { type: 'integer' },
      }),
      blocks: obj({
        total: int,
        reserved: int,
        allocated: int,
        fragmented: int,
        unavailable: int,
        free: int,
        freeInPrefixReservation: int,
      }),
      freePrefixBlocks: int,
      freePrefixBlocksAtMost: int,
      unknown: { type: 'array', items: inventoryUnknown },
      prefixRoom: int,
      largestFreeBlock: {
        oneOf: [
          obj({ cidr: str, prefixLength: int, addresses: int }),
          { type: 'null' },
        ],
      },
      moreNodes: int,
      podIps: int,
      podNodes: int,
      status: {
        type: 'string',
        enum: ['ok', 'fragmented', 'low', 'exhausted'],
      },
      atRisk: { type: 'boolean' },
      blockMap: str,
    },
    ['availabilityZone', 'blockMap', 'freePrefixBlocksAtMost', 'unknown'],
  ),
  NodeGroupUsage: obj({
    name: str,
    source: str,
    nodes: int,
    mode: nodeIpMode,
    modes: { type: 'object', additionalProperties: int },
    podsWithVpcIp: int,
    heldIps: int,
    usedIps: int,
    idleIps: int,
    headroomPods: int,
  }),
  ClusterTotals: obj({
    nodes: int,
    pods: int,
    podsWithVpcIp: int,
    hostNetworkPods: int,
    pendingPodsWithoutIp: int,
    completedPodsWithStaleIp: int,
    unattributedPods: int,
    heldIps: int,
    usedIps: int,
    idleIps: int,
    subnets: int,
    subnetUsable: int,
    subnetAvailable: int,
    freePrefixBlocks: int,
    atRiskSubnets: int,
    nodesNotDescribedByEc2: int,
    headroomPods: int,
  }),
  UnattributedPod: obj(
    {
      namespace: str,
      name: str,
      nodeName: str,
      podIp: str,
      reason: unattributedReason,
      networkInterfaceId: str,
      subnetId: str,
    },
    ['nodeName', 'networkInterfaceId', 'subnetId'],
  ),
  ClusterCapacity: obj({
    cluster: str,
    ipFamily: { type: 'string', enum: ['ipv4', 'ipv6'] },
    totals: ref('ClusterTotals'),
    nodeGroups: { type: 'array', items: ref('NodeGroupUsage') },
    nodes: { type: 'array', items: ref('NodeUsage') },
    subnets: { type: 'array', items: ref('SubnetUsage') },
    unattributedPods: { type: 'array', items: ref('UnattributedPod') },
    atRisk: { type: 'boolean' },
  }),
  SubnetAtRisk: obj({ subnetId: str, cidr: str, status: str }),
  ClusterSummary: obj(clusterSummaryProperties, clusterSummaryOptional),
  WorkloadSelection: obj(
    {
      entityRef: str,
      kubernetesId: str,
      labelSelector: str,
      namespace: str,
      cluster: str,
    },
    ['entityRef', 'kubernetesId', 'labelSelector', 'namespace', 'cluster'],
  ),
  WorkloadPod: obj(
    {
      cluster: str,
      namespace: str,
      name: str,
      nodeName: str,
      phase: str,
      podIp: str,
      networkInterfaceId: str,
      subnetId: str,
      attributed: { type: 'boolean' },
    },
    ['nodeName', 'podIp', 'networkInterfaceId', 'subnetId'],
  ),
  WorkloadNode: obj({
    cluster: str,
    workloadPods: int,
    node: ref('NodeUsage'),
  }),
  WorkloadSubnet: obj({
    cluster: str,
    workloadPodIps: int,
    subnet: ref('SubnetUsage'),
  }),
  WorkloadPodWithoutNodeIp: obj(
    {
      cluster: str,
      namespace: str,
      name: str,
      nodeName: str,
      phase: str,
      reason: {
        type: 'string',
        enum: [
          'completed',
          'host-network',
          'pending-without-ip',
          'ip-outside-node-prefixes',
        ],
      },
      podIp: str,
      unattributedReason: unattributedReason,
    },
    ['nodeName', 'podIp', 'unattributedReason'],
  ),
  WorkloadUsage: obj({
    selection: ref('WorkloadSelection'),
    pods: int,
    podsWithVpcIp: int,
    unattributedPods: int,
    podList: { type: 'array', items: ref('WorkloadPod') },
    podsWithoutNodeIp: {
      type: 'array',
      items: ref('WorkloadPodWithoutNodeIp'),
    },
    nodes: { type: 'array', items: ref('WorkloadNode') },
    subnets: { type: 'array', items: ref('WorkloadSubnet') },
    headroom: obj({ replicas: int, onCurrentNodes: int, wall }),
  }),
  OwnerHeadroomPool: obj({
    cluster: str,
    nodeGroups: strList,
    nodes: int,
    replicas: int,
    sharedBy: strList,
    wall,
  }),
  OwnerHeadroom: obj({
    replicas: int,
    onCurrentNodes: int,
    pools: { type: 'array', items: ref('OwnerHeadroomPool') },
  }),
  ClusterNodeIpCharge: obj({ cluster: str, held: int, used: int, idle: int }),
  AttributedNodeIps: obj({
    held: int,
    used: int,
    idle: int,
    wholeNodes: int,
    clusters: { type: 'array', items: ref('ClusterNodeIpCharge') },
  }),
  OwnerUsage: obj({
    owner: str,
    entities: { type: 'array', items: ref('WorkloadUsage') },
    pods: int,
    podsWithVpcIp: int,
    unattributedPods: int,
    headroomReplicas: int,
    headroom: ref('OwnerHeadroom'),
    nodeIps: ref('AttributedNodeIps'),
    nodes: int,
    subnets: int,
  }),
  CountedEntity: obj({ entityRef: str, kind: str, title: str }, ['title']),
  ClustersResponse: obj({
    clusters: { type: 'array', items: ref('ClusterSummary') },
    problems: { type: 'array', items: ref('ClusterProblem') },
  }),
  ClusterDetailResponse: obj(
    { ...clusterSummaryProperties, capacity: ref('ClusterCapacity') },
    [...clusterSummaryOptional, 'capacity'],
  ),
  EntityClusterUsage: obj(
    {
      cluster: ref('ClusterRef'),
      snapshot: ref('SnapshotInfo'),
      usage: ref('OwnerUsage'),
      share: obj({ podIps: int, clusterHeldIps: int }),
    },
    ['usage', 'share'],
  ),
  EntityProblem: obj({
    entityRef: str,
    code: { type: 'string', enum: ['InvalidLabelSelector'] },
    message: str,
  }),
  EntityCapacityResponse: obj({
    entity: ref('CountedEntity'),
    entities: { type: 'array', items: ref('CountedEntity') },
    problems: { type: 'array', items: ref('EntityProblem') },
    clusters: { type: 'array', items: ref('EntityClusterUsage') },
  }),
  OwnerSummary: obj({
    owner: ref('CountedEntity'),
    entities: int,
    pods: int,
    podsWithVpcIp: int,
    nodes: int,
    nodeHeldIps: { type: 'number', minimum: 0 },
    nodeIdleIps: { type: 'number', minimum: 0 },
    clusters: strList,
  }),
  OwnersResponse: obj({
    owners: { type: 'array', items: ref('OwnerSummary') },
    problems: { type: 'array', items: ref('EntityProblem') },
  }),
  RefreshRequest: obj(
    { cluster: { type: 'string', minLength: 1, maxLength: 253 } },
    ['cluster'],
  ),
  RefreshResponse: obj({
    refreshing: strList,
    coolingDown: {
      type: 'array',
      items: obj({
        cluster: str,
        nextRefreshAt: { type: 'string', format: 'date-time' },
      }),
    },
  }),
} as const;

/** A JSON response of the given schema, and the errors every route can give. */
function jsonResponse(status: string, description: string, schema: string) {
  return {
    [status]: {
      description,
      content: { 'application/json': { schema: ref(schema) } },
    },
  };
}
const errors = (...statuses: string[]) =>
  Object.fromEntries(
    statuses.map(status => [
      status,
      {
        description:
          {
            '400': 'The request is malformed; the message says how.',
            '401': 'No Backstage credentials.',
            '403': 'The caller lacks the permission the message names.',
            '404': 'No such cluster or entity (or the caller may not see it).',
            '413': 'The request body is too large.',
            '429':
              'Refreshed too recently: Retry-After and the message say when the next refresh may start.',
            '503': 'The catalog could not be read; try again.',
          }[status] ?? 'Error',
        content: { 'application/json': { schema: ref('Error') } },
      },
    ]),
  );

export const openApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'pod-ip-capacity',
    version: '1',
    description:
      'Pod IP capacity of the EKS clusters the Backstage Kubernetes plugin knows: per /28 prefix, ENI, node, subnet, cluster, entity and team.',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: { schemas },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Answers without credentials while the plugin is up.',
        responses: {
          '200': {
            description: 'Up',
            content: {
              'application/json': {
                schema: obj({ status: { type: 'string', enum: ['ok'] } }),
              },
            },
          },
        },
      },
    },
    '/clusters': {
      get: {
        operationId: 'ListClusters',
        description:
          'One summary per cluster: snapshot status and age, nodes, pods with VPC IPs, IPs held, used and idle, subnets at risk. Needs pod-ip-capacity.read.',
        responses: {
          ...jsonResponse('200', 'The clusters', 'ClustersResponse'),
          ...errors('401', '403'),
        },
      },
    },
    '/clusters/{name}': {
      get: {
        operationId: 'GetCluster',
        description:
          'The full picture of one cluster: nodes, their ENIs and /28 prefixes (the per-ENI report), subnets with free aligned /28 blocks and who holds their addresses. Needs pod-ip-capacity.read.',
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            description: "The cluster's name in the Kubernetes plugin.",
            schema: { type: 'string', minLength: 1, maxLength: 253 },
          },
        ],
        responses: {
          ...jsonResponse('200', 'The cluster', 'ClusterDetailResponse'),
          ...errors('401', '403', '404'),
        },
      },
    },
    '/entity': {
      get: {
        operationId: 'GetEntityCapacity',
        description:
          "For a Component, Resource or System: its pods per cluster and node, those nodes' and subnets' usage and its headroom. For a Group or User: the same over what it owns. Needs pod-ip-capacity.read and catalog read access to the entity (else 404).",
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            description:
              'kind:namespace/name, e.g. component:default/checkout-api (":" and "/" may be sent as they are)',
            allowReserved: true,
            schema: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        ],
        responses: {
          ...jsonResponse('200', 'The entity', 'EntityCapacityResponse'),
          ...errors('400', '401', '403', '404', '503'),
        },
      },
    },
    '/owners': {
      get: {
        operationId: 'ListOwners',
        description:
          'Every team that owns entities with Kubernetes annotations, with its pods and the pod IPs their nodes hold for them, most first. Needs pod-ip-capacity.read.',
        responses: {
          ...jsonResponse('200', 'The owners', 'OwnersResponse'),
          ...errors('401', '403', '503'),
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'Refresh',
        description:
          'Starts collecting every cluster, or the named one, now; a refresh already running is joined, not repeated, and a cluster refreshed less than podIpCapacity.refresh.cooldown ago is left alone (the answer says when it may be refreshed again). Needs pod-ip-capacity.refresh.',
        requestBody: {
          required: false,
          content: { 'application/json': { schema: ref('RefreshRequest') } },
        },
        responses: {
          ...jsonResponse('202', 'Refresh started', 'RefreshResponse'),
          ...errors('400', '401', '403', '404', '413', '429'),
        },
      },
    },
  },
} as const;
