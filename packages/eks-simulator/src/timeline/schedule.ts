import { MovementSpec, TimelineSpec } from '../scenario/types';
import { parseDuration, resolveTime } from './timeText';

/** One application of one movement (its index in `timeline.movements`). */
export interface TimelineEvent {
  at: number;
  movement: number;
}

/** The instants that frame a timeline, in epoch milliseconds. */
export interface TimelineFrame {
  /** The simulator's clock at start-up, rounded down to a whole step: what `-14d` counts from. */
  origin: number;
  start: number;
  end: number;
  step: number;
}

/** More events than this is a timeline nobody meant (a 1m period over a year). */
export const MAX_EVENTS = 200_000;

/**
 * Rounding the origin down to the step makes two runs within the same step collect at the
 * same instants (UTC multiples of the step), so history stored by one run lines up with
 * the next.
 */
export function frameOf(
  spec: TimelineSpec,
  clockAtStart: number,
): TimelineFrame {
  const step = parseDuration(spec.step)!;
  const origin = Math.floor(clockAtStart / step) * step;
  return {
    origin,
    start: resolveTime(spec.start, origin),
    end: resolveTime(spec.end, origin),
    step,
  };
}

function eventsOf(
  m: MovementSpec,
  movement: number,
  frame: TimelineFrame,
  problems: string[],
): TimelineEvent[] {
  const where = `timeline.movements[${movement}] (${m.type})`;
  if (m.type === 'rotateNodeGroup') {
    const at = resolveTime(m.at, frame.origin);
    if (at <= frame.start || at > frame.end) {
      problems.push(
        `${where}: at ${m.at} must lie after start and no later than end`,
      );
      return [];
    }
    return [{ at, movement }];
  }
  const from =
    m.from === undefined ? frame.start : resolveTime(m.from, frame.origin);
  const until =
    m.until === undefined ? frame.end : resolveTime(m.until, frame.origin);
  if (from < frame.start || from > frame.end || until < from) {
    problems.push(
      `${where}: from/until must lie between start and end, from before until`,
    );
    return [];
  }
  const every = parseDuration(m.every)!;
  const count = Math.floor((Math.min(until, frame.end) - from) / every);
  if (count > MAX_EVENTS) {
    problems.push(`${where}: ${count} occurrences; at most ${MAX_EVENTS}`);
    return [];
  }
  // The first at `from + every`: nothing happens at `start`, so the file is the world there.
  return Array.from({ length: count }, (_, k) => ({
    at: from + (k + 1) * every,
    movement,
  }));
}

/** Every event of the timeline in the order they apply: by time, then movement order. */
export function scheduleEvents(
  spec: TimelineSpec,
  frame: TimelineFrame,
  problems: string[],
): TimelineEvent[] {
  if (frame.end < frame.start) {
    problems.push(`timeline: end ${spec.end} lies before start ${spec.start}`);
    return [];
  }
  const events = (spec.movements ?? []).flatMap((m, i) =>
    eventsOf(m, i, frame, problems),
  );
  if (events.length > MAX_EVENTS) {
    problems.push(
      `timeline: ${events.length} movement occurrences; at most ${MAX_EVENTS}`,
    );
  }
  return events.sort((a, b) => a.at - b.at || a.movement - b.movement);
}
