import { useApi } from '@backstage/core-plugin-api';
import {
  ClusterSummary,
  RefreshCooldown,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { useCallback, useEffect, useState } from 'react';
import { podIpCapacityApiRef } from '../../api';
import { apiErrorMessage, apiErrorStatus } from '../common/ApiErrorPanel';
import { formatTime, listText } from '../common/format';

/** How long the page waits for a refresh before it says it is slow. */
export const REFRESH_PATIENCE_MS = 120_000;

interface Requested {
  at: number;
  clusters: string[];
  /** Each cluster's last attempt before the request: done once it changes. */
  before: Record<string, string | undefined>;
  coolingDown: RefreshCooldown[];
}

export interface RefreshStatus {
  /** A refresh asked for is still running: poll quickly. */
  running: boolean;
  /** What the status line says. */
  text: string;
  busy: boolean;
  /** Until when the button is disabled (every cluster cooling down). */
  disabledUntil?: number;
  start: () => void;
}

/** When to try again, from a 429's Retry-After (seconds) or its message. */
function retryAt(error: unknown): Date | undefined {
  const header = (
    error as { response?: { headers?: { get?: (name: string) => unknown } } }
  )?.response?.headers?.get?.('Retry-After');
  const seconds = Number(header);
  if (header && Number.isFinite(seconds)) {
    return new Date(Date.now() + seconds * 1000);
  }
  const match = apiErrorMessage(error).match(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/);
  return match ? new Date(match[0]) : undefined;
}

function cooldownText(coolingDown: RefreshCooldown[]): string {
  return coolingDown
    .map(
      c =>
        `${
          c.cluster
        } was refreshed moments ago: next refresh possible at ${formatTime(
          c.nextRefreshAt,
        )}.`,
    )
    .join(' ');
}

/**
 * "Refresh now": asks for a refresh, then follows it until every cluster it
 * started has finished (its last attempt changed and it no longer
 * refreshes), saying so as it goes. Clusters refreshed moments ago are
 * left alone by the backend: the line says when the next refresh is possible.
 */
export function useRefresh(
  clusters: ClusterSummary[] | undefined,
): RefreshStatus {
  const api = useApi(podIpCapacityApiRef);
  const [requested, setRequested] = useState<Requested>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [disabledUntil, setDisabledUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());

  const start = useCallback(async () => {
    setBusy(true);
    setNote('');
    const before = Object.fromEntries(
      (clusters ?? []).map(c => [c.name, c.snapshot.attemptedAt]),
    );
    try {
      const answer = await api.refresh();
      setRequested({
        at: Date.now(),
        clusters: answer.refreshing,
        before,
        coolingDown: answer.coolingDown ?? [],
      });
    } catch (e) {
      setRequested(undefined);
      if (apiErrorStatus(e) === 429) {
        const at = retryAt(e);
        setNote(
          at
            ? `Every cluster was refreshed moments ago: next refresh possible at ${formatTime(
                at,
              )}.`
            : `Every cluster was refreshed moments ago: ${apiErrorMessage(e)}`,
        );
        if (at) setDisabledUntil(at.getTime());
      } else {
        setNote(`Could not start a refresh: ${apiErrorMessage(e)}`);
      }
    } finally {
      setBusy(false);
    }
  }, [api, clusters]);

  // Enable the button again when the cooldown is over.
  useEffect(() => {
    if (!disabledUntil) return undefined;
    const timer = setTimeout(
      () => setDisabledUntil(undefined),
      Math.max(0, disabledUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [disabledUntil]);

  // Tick while waiting, so a slow refresh is said to be slow.
  useEffect(() => {
    if (!requested) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, [requested]);

  if (!requested) {
    return {
      running: false,
      text: note,
      busy,
      disabledUntil,
      start,
    };
  }
  const byName = new Map((clusters ?? []).map(c => [c.name, c]));
  const unfinished = requested.clusters.filter(name => {
    const c = byName.get(name);
    if (!c) return false;
    return (
      c.snapshot.refreshing || c.snapshot.attemptedAt === requested.before[name]
    );
  });
  const cooling = cooldownText(requested.coolingDown);
  if (requested.clusters.length === 0) {
    return {
      running: false,
      text: cooling || 'Nothing to refresh.',
      busy,
      start,
    };
  }
  if (unfinished.length > 0) {
    const slow = now - requested.at > REFRESH_PATIENCE_MS;
    return {
      running: !slow,
      text: `${
        slow
          ? `${listText(unfinished)} ${
              unfinished.length === 1 ? 'has' : 'have'
            } not finished refreshing after ${Math.round(
              REFRESH_PATIENCE_MS / 60_000,
            )} minutes; the page keeps checking.`
          : `Refreshing ${listText(unfinished)}…`
      }${cooling ? ` ${cooling}` : ''}`,
      busy,
      start,
    };
  }
  const finishedAt = requested.clusters
    .map(name => byName.get(name)?.snapshot.attemptedAt)
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  const failed = requested.clusters.filter(name =>
    ['error', 'stale', 'partial'].includes(
      byName.get(name)?.snapshot.status ?? '',
    ),
  );
  return {
    running: false,
    text: `Refreshed ${listText(requested.clusters)}${
      finishedAt ? ` at ${formatTime(finishedAt)}` : ''
    }.${
      failed.length > 0
        ? ` ${listText(failed)}: see the warning${
            failed.length === 1 ? '' : 's'
          } above.`
        : ''
    }${cooling ? ` ${cooling}` : ''}`,
    busy,
    start,
  };
}
