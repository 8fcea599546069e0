import { ServedWorld } from './servedWorld';
import { SimulatorTimeline } from './simulatorTypes';
import { Timeline } from './timeline/timeline';

/**
 * The running simulator's handle on its timeline: which instant is served, and switching
 * the served world to another one.
 */
export function timelineControl(
  timeline: Timeline,
  world: ServedWorld,
  clock: () => number,
  initial: 'start' | 'now' | number,
): SimulatorTimeline {
  const { start, end, step } = timeline.frame;
  let current = start;
  let currentEvents = 0;
  const seek = (at: number | 'now'): number => {
    const t = at === 'now' ? clock() : at;
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new Error(
        `seek needs an epoch-milliseconds instant or 'now', not ${at}`,
      );
    }
    if (t < start) {
      throw new RangeError(
        `${new Date(
          t,
        ).toISOString()} lies before the timeline's start ${new Date(
          start,
        ).toISOString()}`,
      );
    }
    const next = timeline.worldAt(t);
    current = t;
    // An instant with the same events is the same world: lists cut from it stay valid.
    if (next.events !== currentEvents) {
      currentEvents = next.events;
      world.replace(next.scenario);
    }
    return t;
  };
  if (initial !== 'start') seek(initial);
  return {
    start,
    end,
    step,
    get current() {
      return current;
    },
    now: clock,
    instants: () => timeline.instants(clock()),
    seek,
    runsOut: subnetId => timeline.runsOut(subnetId),
  };
}
