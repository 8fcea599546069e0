import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  ClusterFixesResponse,
  planSecondaryVpcCidr,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { podIpCapacityApiRef } from '../../api';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { okSnapshot } from '../../__fixtures__/capacity';
import { SubnetFixes } from './SubnetFixes';

const COMMAND =
  'aws ec2 create-subnet-cidr-reservation --subnet-id subnet-frag --cidr 10.0.0.48/28 --reservation-type prefix';

/** DOMAIN.md §5's /25: one free /28 (.48), nodes A and B fragment it. */
function section5Fixes(): ClusterFixesResponse {
  return {
    cluster: 'eks-prod',
    snapshot: okSnapshot,
    subnets: [
      {
        subnetId: 'subnet-frag',
        cidr: '10.0.0.0/25',
        availabilityZone: 'eu-west-1a',
        status: 'fragmented',
        fixes: [
          {
            kind: 'protect-free-ranges',
            subnetId: 'subnet-frag',
            ranges: [
              {
                cidr: '10.0.0.48/28',
                prefixLength: 28,
                addresses: 16,
                blocks: 1,
                command: COMMAND,
              },
            ],
            totalRanges: 1,
            unprotectedFreeBlocks: 1,
            alreadyProtectedBlocks: 0,
            complete: true,
            notes: [],
          },
          {
            kind: 'replace-fragmenting-nodes',
            subnetId: 'subnet-frag',
            fragmentedBlocks: 2,
            nodes: [
              {
                nodeName: 'i-b',
                nodeGroup: 'workers',
                blocksFreed: 2,
                fragmentedBlocksFreed: 1,
                prefixBlocksFreed: 1,
                freedBlocks: ['10.0.0.32/28', '10.0.0.64/28'],
                blocksSharedWithNodes: 0,
                blocksPinnedByOtherEnis: 0,
                addresses: 17,
                podsWithVpcIp: 3,
                commands: ['kubectl drain i-b --ignore-daemonsets'],
              },
            ],
            totalNodes: 1,
            blocksFreedOnlyTogether: 0,
            pinnedBlocks: 1,
            pinningInterfaces: [],
            totalPinningInterfaces: 0,
            freeBlocksIfAllReplaced: 3,
            notes: [],
          },
        ],
      },
    ],
  };
}

describe('SubnetFixes', () => {
  it("shows the §5 subnet's /28 to reserve and the node to replace, each with a copy button", async () => {
    const api = mockPodIpCapacityApi({
      getClusterFixes: jest.fn(async () => section5Fixes()),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
        <SubnetFixes cluster="eks-prod" subnetId="subnet-frag" />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Ready-made fixes')).toBeInTheDocument();
    expect(api.getClusterFixes).toHaveBeenCalledWith('eks-prod', 'subnet-frag');
    const range = screen.getByTestId('fix-range-10.0.0.48/28');
    expect(range).toHaveTextContent(COMMAND);
    expect(within(range).getByRole('button')).toBeInTheDocument();
    const nodes = screen.getByRole('table', { name: 'Nodes to replace' });
    expect(nodes).toHaveTextContent('i-b');
    expect(nodes).toHaveTextContent('kubectl drain i-b --ignore-daemonsets');
    expect(within(nodes).getByRole('button')).toBeInTheDocument();
  });

  it('a full subnet gets the secondary CIDR plan as a script and the Auto Mode selector', async () => {
    const plan = planSecondaryVpcCidr({
      clusterName: 'eks-prod',
      zones: ['eu-west-1a', 'eu-west-1b'],
      vpcCidrBlocks: ['10.0.0.0/16'],
      networking: 'auto-mode',
    })!;
    const api = mockPodIpCapacityApi({
      getClusterFixes: jest.fn(async () => ({
        cluster: 'eks-prod',
        snapshot: okSnapshot,
        subnets: [
          {
            subnetId: 'subnet-full',
            cidr: '10.0.1.0/24',
            status: 'exhausted' as const,
            fixes: [plan],
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
        <SubnetFixes cluster="eks-prod" subnetId="subnet-full" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Add the secondary VPC CIDR 100.64.0.0/16 and give pods their own subnets',
      ),
    ).toBeInTheDocument();
    const zones = screen.getByRole('table', {
      name: 'Pod subnets of 100.64.0.0/16',
    });
    expect(zones).toHaveTextContent('eu-west-1a');
    expect(zones).toHaveTextContent('100.64.0.0/17');
    expect(document.body).toHaveTextContent('podSubnetSelectorTerms');
    expect(document.body).toHaveTextContent('aws ec2 associate-vpc-cidr-block');
  });

  it('renders nothing when the subnet has no fixes or the API has none', async () => {
    const api = mockPodIpCapacityApi();
    const { container } = await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
        <SubnetFixes cluster="eks-prod" subnetId="subnet-frag" />
      </TestApiProvider>,
    );
    expect(container).not.toHaveTextContent('Ready-made fixes');
  });
});
