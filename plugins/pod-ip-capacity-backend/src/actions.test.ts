import { AddressInfo } from 'node:net';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(90_000);

const LEGACY = 'subnet-0511000000000c000';

async function connect(backend: CapacityBackend) {
  const { port } = (backend.server as any).address() as AddressInfo;
  const client = new Client({ name: 'pod-ip-capacity-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
    ),
  );
  return client;
}

/** The JSON an action answered with (the MCP server sends it as text). */
function answer(result: any) {
  expect(result.isError).toBeFalsy();
  return JSON.parse(result.content[0].text);
}

const backendOptions = {
  scenario: 'portal-demo',
  withCatalog: true,
  awsAuth: PORTAL_DEMO_AUTH,
  config: { backend: { actions: { pluginSources: ['pod-ip-capacity'] } } },
  features: [mcpActionsPlugin],
};

describe('actions over MCP (portal-demo)', () => {
  let backend: CapacityBackend;
  let client: Client;

  beforeAll(async () => {
    backend = await startCapacityBackend(backendOptions);
    await backend.waitForEntity('component', 'payments-worker');
    await backend.waitForEntity('component', 'checkout-api');
    await backend.refresh();
    client = await connect(backend);
  });

  afterAll(async () => {
    await client?.close();
    await backend?.stop();
  });

  it('lists the three read-only actions', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter(t =>
      ['get-entity-capacity', 'can-add-replicas', 'list-subnets-at-risk'].some(
        name => t.name.endsWith(name),
      ),
    );
    expect(ours).toHaveLength(3);
    for (const tool of ours) {
      expect(tool.annotations).toEqual(
        expect.objectContaining({ readOnlyHint: true, destructiveHint: false }),
      );
    }
  });

  it('answers the capacity of a team, where its pods sit', async () => {
    const tool = await toolName(client, 'get-entity-capacity');
    const output = answer(
      await client.callTool({
        name: tool,
        arguments: { entityRef: 'group:default/team-payments' },
      }),
    );
    expect(output.entityRef).toBe('group:default/team-payments');
    expect(output.entities).toEqual(
      expect.arrayContaining([
        'component:default/checkout-api',
        'component:default/payments-worker',
      ]),
    );
    const prod = output.clusters.find((c: any) => c.cluster === 'eks-prod');
    // checkout-api: 3 pods; payments-worker: 3 pods on the legacy nodes.
    expect(prod.podsWithVpcIp).toBe(6);
    expect(prod.subnets.find((s: any) => s.subnetId === LEGACY)).toEqual({
      subnetId: LEGACY,
      cidr: '10.0.2.0/24',
      status: 'fragmented',
      freePrefixBlocks: 1,
      availableIps: 238,
      podIps: 3,
    });
  });

  it('says whether a service can add replicas, and where it fails', async () => {
    const tool = await toolName(client, 'can-add-replicas');
    const few = answer(
      await client.callTool({
        name: tool,
        arguments: {
          entityRef: 'component:default/checkout-api',
          replicas: 2,
          cluster: 'eks-prod',
        },
      }),
    );
    expect(few).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        replicas: 2,
        possible: true,
      }),
    );
    expect(few.clusters[0]).toEqual(
      expect.objectContaining({ cluster: 'eks-prod', placed: 2 }),
    );
    const many = answer(
      await client.callTool({
        name: tool,
        arguments: {
          entityRef: 'component:default/checkout-api',
          replicas: 10000,
          cluster: 'eks-prod',
        },
      }),
    );
    expect(many.possible).toBe(false);
    expect(many.clusters[0].placed).toBeLessThan(10000);
    expect(many.clusters[0].message).toEqual(expect.any(String));
  });

  it('lists the subnets at risk with the reservation command to copy', async () => {
    const tool = await toolName(client, 'list-subnets-at-risk');
    const output = answer(
      await client.callTool({ name: tool, arguments: { cluster: 'eks-prod' } }),
    );
    expect(output.subnets.map((s: any) => s.subnetId)).toEqual([LEGACY]);
    const protect = output.subnets[0].fixes.find(
      (f: any) => f.kind === 'protect-free-ranges',
    );
    expect(protect.ranges[0].command).toBe(
      `aws ec2 create-subnet-cidr-reservation --subnet-id ${LEGACY} --cidr 10.0.2.224/28 --reservation-type prefix`,
    );
  });
});

describe('actions over MCP without pod-ip-capacity.read', () => {
  it('refuses with the caller credentials, like the REST routes', async () => {
    const backend = await startCapacityBackend({
      ...backendOptions,
      services: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const client = await connect(backend);
    try {
      const tool = await toolName(client, 'list-subnets-at-risk');
      const result: any = await client.callTool({ name: tool, arguments: {} });
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toContain('pod-ip-capacity.read');
    } finally {
      await client.close();
      await backend.stop();
    }
  });
});

async function toolName(client: Client, name: string) {
  const { tools } = await client.listTools();
  const tool = tools.find(t => t.name.endsWith(name));
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.name;
}
