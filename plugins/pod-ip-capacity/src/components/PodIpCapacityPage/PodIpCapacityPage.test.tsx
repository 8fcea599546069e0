import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { PodIpCapacityPage } from './PodIpCapacityPage';

describe('PodIpCapacityPage', () => {
  it('tells the platform team what the page is for', async () => {
    await renderInTestApp(<PodIpCapacityPage />);

    expect(
      screen.getByRole('heading', { name: 'Pod IP Capacity' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('How much pod IP room your EKS clusters have left'),
    ).toBeInTheDocument();
  });
});
