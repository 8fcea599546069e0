import { act, render, screen } from '@testing-library/react';
import { okSnapshot, staleSnapshot } from '../../__fixtures__/capacity';
import { SnapshotAge, SnapshotBanner } from './SnapshotStatus';

describe('SnapshotAge', () => {
  afterEach(() => jest.useRealTimers());

  it('ticks: "collected 2 minutes ago" ages while the page stays open', () => {
    jest.useFakeTimers();
    render(<SnapshotAge snapshot={okSnapshot} />);
    // The answer said 120 s old when it arrived.
    expect(screen.getByText('collected 2 minutes ago')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('collected 3 minutes ago')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60 * 60_000);
    });
    expect(screen.getByText('collected 1 hour ago')).toBeInTheDocument();
  });

  it('gives the exact instants on hover', () => {
    render(
      <SnapshotAge
        snapshot={{ ...staleSnapshot, attemptedAt: '2026-11-23T08:30:00.000Z' }}
      />,
    );
    const age = screen.getByText('collected 30 minutes ago');
    expect(age).toHaveAttribute(
      'title',
      expect.stringMatching(
        /^Collected 23 Nov 2026, \d\d:00:00 .+; last refresh attempt 23 Nov 2026, \d\d:30:00/,
      ),
    );
    // Reachable by keyboard, where the tooltip shows too.
    expect(age).toHaveAttribute('tabindex', '0');
  });
});

describe('SnapshotBanner', () => {
  it('names the problem with its code and AWS action, and says the figures below are dimmed', () => {
    render(<SnapshotBanner cluster="eks-prod" snapshot={staleSnapshot} />);
    expect(
      screen.getByText(
        'Warning: Cluster eks-prod shows stale data (collected 30 minutes ago)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /add it to the role backstage-eks-reader\. \(UnauthorizedOperation, ec2:DescribeNetworkInterfaces\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Its figures are dimmed below: Out of date: these figures are from 30 minutes ago and may no longer be true.',
      ),
    ).toBeInTheDocument();
  });

  it('says nothing for a healthy cluster', () => {
    const { container } = render(
      <SnapshotBanner cluster="eks-prod" snapshot={okSnapshot} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
