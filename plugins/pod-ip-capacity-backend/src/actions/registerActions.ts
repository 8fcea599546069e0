import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  EntityCapacityResponse,
  podIpCapacityReadPermission,
  SubnetRunOutDate,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityService } from '../service/PodIpCapacityService';

/** The actions' names; their ids are `pod-ip-capacity:<name>`. */
export const ACTION_NAMES = {
  entityCapacity: 'get-entity-capacity',
  addReplicas: 'can-add-replicas',
  subnetsAtRisk: 'list-subnets-at-risk',
} as const;

const READ_ONLY = { readOnly: true, destructive: false, idempotent: true };

/** The zod the actions registry hands each schema callback. */
type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** An action's optional cluster filter: a cluster name as Kubernetes bounds it. */
const onlyCluster = (z: Zod) =>
  z.string().min(1).max(253).optional().describe('Only this cluster');

function runOutText(first: SubnetRunOutDate | null | undefined) {
  if (!first) return undefined;
  const { forecast } = first;
  return forecast.state === 'exhausted'
    ? `${first.subnetId} has run out`
    : `${first.subnetId} runs out in about ${Math.max(
        0,
        Math.round(forecast.daysLeft),
      )} days`;
}

/** The parts of `GET /entity` an assistant acts on, per cluster. */
export function entityCapacitySummary(response: EntityCapacityResponse) {
  return {
    entityRef: response.entity.entityRef,
    kind: response.entity.kind,
    entities: response.entities.map(e => e.entityRef),
    clusters: response.clusters.map(c => {
      const subnets = new Map<
        string,
        {
          subnetId: string;
          cidr: string;
          status: string;
          freePrefixBlocks: number;
          availableIps: number;
          podIps: number;
        }
      >();
      for (const entity of c.usage?.entities ?? []) {
        for (const s of entity.subnets) {
          const entry = subnets.get(s.subnet.subnetId) ?? {
            subnetId: s.subnet.subnetId,
            cidr: s.subnet.cidr,
            status: s.subnet.status,
            freePrefixBlocks: s.subnet.freePrefixBlocks,
            availableIps: s.subnet.available,
            podIps: 0,
          };
          entry.podIps += s.workloadPodIps;
          subnets.set(entry.subnetId, entry);
        }
      }
      const runOut = runOutText(c.runOut?.first);
      return {
        cluster: c.cluster.name,
        snapshotStatus: c.snapshot.status,
        podsWithVpcIp: c.usage?.podsWithVpcIp ?? 0,
        headroomReplicas: c.usage?.headroomReplicas ?? 0,
        subnets: [...subnets.values()],
        ...(runOut ? { runOut } : {}),
      };
    }),
  };
}

/**
 * Read-only actions for automation and AI assistants, in Backstage's actions
 * registry (served over MCP by `@backstage/plugin-mcp-actions-backend`).
 * Each checks `pod-ip-capacity.read` with the caller's credentials, and
 * entity reads go to the catalog with them, exactly like the REST routes.
 */
export function registerPodIpCapacityActions(deps: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  service: PodIpCapacityService;
}) {
  const { actionsRegistry, service } = deps;
  const requireRead = async (credentials: BackstageCredentials) => {
    const [decision] = await deps.permissions.authorize(
      [{ permission: podIpCapacityReadPermission }],
      { credentials },
    );
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(
        `You may not use this: the ${podIpCapacityReadPermission.name} permission is required.`,
      );
    }
  };

  actionsRegistry.register({
    name: ACTION_NAMES.entityCapacity,
    title: 'Pod IP capacity of an entity',
    description:
      'The VPC pod IP capacity of a Backstage entity (a service, or a team or system over what it owns) per EKS cluster: its pods with VPC IPs, how many more replicas can get an IP on its current node groups, the subnets its pods use with their free /28 blocks and addresses, and the first of them to run out.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'The entity, e.g. component:default/checkout-api or group:default/team-payments',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          kind: z.string(),
          entities: z
            .array(z.string())
            .describe('The entities counted (a team: what it owns)'),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              snapshotStatus: z.string(),
              podsWithVpcIp: z.number(),
              headroomReplicas: z
                .number()
                .describe('More replicas that can get a VPC IP'),
              subnets: z.array(
                z.object({
                  subnetId: z.string(),
                  cidr: z.string(),
                  status: z.string(),
                  freePrefixBlocks: z.number(),
                  availableIps: z.number(),
                  podIps: z.number(),
                }),
              ),
              runOut: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(credentials);
      const response = await service.getEntityCapacity(
        input.entityRef,
        credentials,
      );
      return { output: entityCapacitySummary(response) };
    },
  });

  actionsRegistry.register({
    name: ACTION_NAMES.addReplicas,
    title: 'Can this service add N replicas?',
    description:
      'Whether N more replicas of a service (a Component with Kubernetes annotations) can get VPC pod IPs, per EKS cluster it runs in, from the last snapshot: yes, or where the first one fails (node, subnet, reason), and the new nodes and subnet changes it takes.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe('The service, e.g. component:default/checkout-api'),
          replicas: z
            .number()
            .int()
            .min(1)
            .max(10000)
            .describe('Replicas to add'),
          cluster: onlyCluster(z),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          replicas: z.number(),
          possible: z
            .boolean()
            .describe('True when every cluster places every replica'),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              possible: z.boolean(),
              placed: z.number(),
              newNodesNeeded: z.number(),
              message: z.string(),
              failure: z
                .object({
                  reason: z.string(),
                  nodeName: z.string().optional(),
                  nodeGroup: z.string().optional(),
                  zone: z.string().optional(),
                  subnetId: z.string().optional(),
                })
                .optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(credentials);
      const answer = await service.whatIfAddReplicas(
        {
          entityRef: input.entityRef,
          replicas: input.replicas,
          ...(input.cluster ? { cluster: input.cluster } : {}),
        },
        credentials,
      );
      const clusters = answer.clusters.map(c => {
        const failure = c.whatIf.firstFailure;
        return {
          cluster: c.cluster,
          possible: !failure && c.whatIf.placed >= c.whatIf.requested,
          placed: c.whatIf.placed,
          newNodesNeeded: c.whatIf.newNodesNeeded,
          message: c.message,
          ...(failure
            ? {
                failure: {
                  reason: failure.reason,
                  ...(failure.nodeName ? { nodeName: failure.nodeName } : {}),
                  ...(failure.nodeGroup
                    ? { nodeGroup: failure.nodeGroup }
                    : {}),
                  ...(failure.zone ? { zone: failure.zone } : {}),
                  ...(failure.subnetId ? { subnetId: failure.subnetId } : {}),
                },
              }
            : {}),
        };
      });
      return {
        output: {
          entityRef: answer.entity.entityRef,
          replicas: answer.replicas,
          possible: clusters.length > 0 && clusters.every(c => c.possible),
          clusters,
        },
      };
    },
  });

  actionsRegistry.register({
    name: ACTION_NAMES.subnetsAtRisk,
    title: 'Subnets at risk, with their fixes',
    description:
      'Every EKS subnet that is fragmented (free addresses but few free aligned /28 blocks), low or exhausted, per cluster, with its ready-made fixes: free aligned ranges to reserve for prefixes with the exact aws ec2 create-subnet-cidr-reservation command, a secondary VPC CIDR plan with pod subnets per zone, and the nodes whose replacement frees the most /28 blocks.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          cluster: onlyCluster(z),
        }),
      output: z =>
        z.object({
          subnets: z.array(
            z.object({
              cluster: z.string(),
              subnetId: z.string(),
              cidr: z.string(),
              availabilityZone: z.string().optional(),
              status: z.string(),
              atRisk: z
                .boolean()
                .describe('At risk for the nodes that draw from it'),
              freePrefixBlocks: z.number(),
              availableIps: z.number(),
              fixes: z
                .array(z.record(z.string(), z.unknown()))
                .describe(
                  'protect-free-ranges, add-secondary-vpc-cidr, replace-fragmenting-nodes (as GET /clusters/{name}/fixes)',
                ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(credentials);
      return {
        output: { subnets: await service.subnetsAtRisk(input.cluster) },
      };
    },
  });
}
