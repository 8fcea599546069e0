import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SubnetUsage } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { sources } from '../../__fixtures__/capacity';
import { SubnetMap } from './SubnetMap';

const subnetOf = (cidr: string): SubnetUsage =>
  sources()
    .flatMap(s => s.capacity.subnets)
    .find(s => s.cidr === cidr)!;

describe('SubnetMap', () => {
  it('draws one square per /28 block of a /19 in address order, with a legend of the engine counts', async () => {
    const subnet = subnetOf('192.168.64.0/19');
    await renderInTestApp(<SubnetMap subnet={subnet} />);
    const map = screen.getByRole('img', {
      name: /^Subnet map of 192.168.64.0\/19/,
    });
    const rects = map.querySelectorAll('rect');
    expect(rects).toHaveLength(512);
    expect(rects[0]).toHaveAttribute('data-state', 'r');
    // Sample 1's prefix 192.168.71.80/28 is block (71·256 + 80 − 64·256) / 16 = 117.
    expect(rects[117]).toHaveAttribute('data-state', 'a');
    expect(rects[117].querySelector('title')).toHaveTextContent(
      '192.168.71.80/28: node prefix',
    );
    expect(
      screen.getByText(`free: ${subnet.blocks.free}`, { exact: false }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`node prefix: ${subnet.blocks.allocated}`),
    ).toBeInTheDocument();
  });

  it('scales big subnets down to at most 1024 squares', async () => {
    const map = '.'.repeat(4096).split('');
    map[0] = 'r';
    map[1] = 'r';
    map[2] = 'r';
    map[3] = 'r';
    map[4095] = 'r';
    const subnet: SubnetUsage = {
      ...subnetOf('192.168.64.0/19'),
      cidr: '10.0.0.0/16',
      blockMap: map.join(''),
    };
    await renderInTestApp(<SubnetMap subnet={subnet} />);
    const rects = screen.getByRole('img').querySelectorAll('rect');
    expect(rects).toHaveLength(1024);
    expect(rects[0]).toHaveAttribute('data-state', 'r');
    expect(rects[1]).toHaveAttribute('data-state', '.');
    expect(screen.getByText(/One square per 4 blocks/)).toBeInTheDocument();
  });
});
