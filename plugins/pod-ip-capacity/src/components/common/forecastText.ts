import {
  DatedForecast,
  FirstRunOut,
  RunOutForecast,
  RunOutQuantity,
  SubnetForecast,
  WorkloadRunOut,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { listText, plural } from './format';

/** What runs out, as the run-out sentence names it. */
export const QUANTITY_TEXT: Record<RunOutQuantity, string> = {
  freePrefixBlocks: '/28 blocks',
  availableIps: 'free IPs',
};

/** "no free /28 block left" / "no free IP left". */
export function nothingLeftText(quantity: RunOutQuantity): string {
  return quantity === 'freePrefixBlocks'
    ? 'no free /28 block left'
    : 'no free IP left';
}

/** A day as people read it: "24 Nov 2026". */
export function formatDay(epochMs: number | string): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return String(epochMs);
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** "about 12 days (9–16)", "about 1 day", "less than a day". */
export function daysLeftText(f: DatedForecast): string {
  const days = Math.round(f.daysLeft);
  const low = Math.round(f.daysLeftLow);
  const high = Math.round(f.daysLeftHigh);
  const head = days < 1 ? 'less than a day' : `about ${plural(days, 'day')}`;
  return low !== high ? `${head} (${low}–${high})` : head;
}

/**
 * One quantity's forecast in words: "runs out of /28 blocks in about 12
 * days (9–16), around 5 Dec 2026", "not growing", "collecting history: a
 * forecast after 18 more hours", "no free /28 block left".
 */
export function runOutText(
  forecast: RunOutForecast,
  quantity: RunOutQuantity,
): string {
  switch (forecast.state) {
    case 'exhausted':
      return nothingLeftText(quantity);
    case 'collecting':
      return `collecting history: a forecast after ${plural(
        forecast.moreHours,
        'more hour',
      )}`;
    case 'not-growing':
      return 'not growing';
    default:
      return `runs out of ${QUANTITY_TEXT[quantity]} in ${daysLeftText(
        forecast,
      )}, around ${formatDay(forecast.exhaustsAt)}`;
  }
}

/** A subnet's forecast of what its nodes need, in words. */
export function subnetForecastText(forecast: SubnetForecast): string {
  return runOutText(forecast[forecast.quantity], forecast.quantity);
}

/** Days until a subnet runs out (0: it has; Infinity: no date), for sorting. */
export function daysLeftOf(forecast: SubnetForecast | undefined): number {
  const f = forecast?.[forecast.quantity];
  if (f?.state === 'exhausted') return 0;
  if (f?.state === 'forecast') return f.daysLeft;
  return Infinity;
}

/**
 * The first of several subnets to run out, in words, for a cluster card
 * ("First to run out: subnet-0abc runs out of /28 blocks in about 6
 * days…") or — with `subject` — a service's headline ("The subnets your
 * pods use run out of /28 blocks in about 12 days (9–16), …").
 * `moreHours`: when every subnet is still collecting, the hours until the
 * first forecast (when the response says them).
 */
export function firstRunOutText(
  runOut: FirstRunOut | WorkloadRunOut,
  options: { subject?: string; moreHours?: number } = {},
): string {
  const { subject } = options;
  const first = runOut.first;
  if (first) {
    const quantity = first.quantity ?? 'freePrefixBlocks';
    if (first.forecast.state === 'exhausted') {
      return subject
        ? `${subject}: ${first.subnetId} has ${nothingLeftText(quantity)}`
        : `${first.subnetId} has ${nothingLeftText(quantity)}`;
    }
    const when = `${QUANTITY_TEXT[quantity]} in ${daysLeftText(
      first.forecast,
    )}, around ${formatDay(first.forecast.exhaustsAt)}`;
    return subject
      ? `${subject} run out of ${when} (${first.subnetId} first)`
      : `${first.subnetId} runs out of ${when}`;
  }
  if (runOut.collecting.length > 0) {
    const hours =
      options.moreHours !== undefined
        ? `a forecast after ${plural(options.moreHours, 'more hour')}`
        : `no forecast yet for ${listText(runOut.collecting)}`;
    return `${subject ? `${subject}: ` : ''}collecting history: ${hours}`;
  }
  if (runOut.notGrowing.length > 0) {
    return `${subject ? `${subject}: ` : ''}not growing`;
  }
  return `${subject ? `${subject}: ` : ''}no forecast`;
}
