import { resolveScenario } from '../scenario/resolveScenario';
import { ScenarioError } from '../scenario/scenarioError';
import { Scenario } from '../scenario/types';
import { applyAddNetworkInterfaces } from './movements/addNetworkInterfaces';
import { applyGrow } from './movements/grow';
import {
  applyRotateNodeGroup,
  RotationError,
} from './movements/rotateNodeGroup';
import {
  frameOf,
  scheduleEvents,
  TimelineEvent,
  TimelineFrame,
} from './schedule';
import { spacesOf } from './scenarioSpaces';
import { WorldState } from './worldState';

/** When a subnet runs out, by playing the timeline to its end (null: not before the end). */
export interface SubnetRunOut {
  subnetId: string;
  /** The first instant with no free aligned /28 (how-pod-ips-are-counted.md §5). */
  noFreeBlockAt: number | null;
  /** The first instant with no address left for a single IP (reservations excluded). */
  noFreeIpAt: number | null;
}

/** Worlds kept resolved, by how many events they include (a backfill walks forward). */
const CACHED_WORLDS = 32;

/**
 * A scenario's timeline, played deterministically: the file is the world at `start`, and
 * the world at any later instant is the file with every movement event up to it applied,
 * then resolved and validated like a scenario file. A scenario without a timeline is a
 * world that never changes (start = end = the clock at start-up).
 */
export class Timeline {
  readonly frame: TimelineFrame;
  readonly events: TimelineEvent[];
  private cursor?: WorldState;
  private cursorEvents = 0;
  private readonly worlds = new Map<number, Scenario>();
  private runOuts?: Map<string, SubnetRunOut>;

  constructor(private readonly base: Scenario, clockAtStart: number) {
    const source = base.timeline;
    if (!source) {
      this.frame = {
        origin: clockAtStart,
        start: clockAtStart,
        end: clockAtStart,
        step: 0,
      };
      this.events = [];
    } else {
      this.frame = frameOf(source.spec, clockAtStart);
      const problems: string[] = [];
      this.events = scheduleEvents(source.spec, this.frame, problems);
      if (problems.length) throw new ScenarioError(base.name, problems);
    }
    this.worlds.set(0, base);
  }

  /** How many events have happened at `at` (those at exactly `at` included). */
  eventsUpTo(at: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private apply(world: WorldState, e: TimelineEvent) {
    const m = this.base.timeline!.spec.movements![e.movement];
    try {
      if (m.type === 'grow') applyGrow(world, m, e.movement, e.at);
      else if (m.type === 'addNetworkInterfaces')
        applyAddNetworkInterfaces(world, m, e.movement);
      else applyRotateNodeGroup(world, m, e.at);
    } catch (err) {
      if (err instanceof RotationError) {
        throw new ScenarioError(this.base.name, [
          `timeline.movements[${e.movement}] at ${new Date(
            e.at,
          ).toISOString()}: ${err.message}`,
        ]);
      }
      throw err;
    }
  }

  /** The working world after `count` events (forward from the last one, else from the file). */
  private stateAfter(count: number): WorldState {
    if (!this.cursor || this.cursorEvents > count) {
      this.cursor = new WorldState(this.base.timeline!.file);
      this.cursorEvents = 0;
    }
    while (this.cursorEvents < count) {
      this.apply(this.cursor, this.events[this.cursorEvents++]);
    }
    return this.cursor;
  }

  /** The resolved world at `at`, and how many events it includes. */
  worldAt(at: number): { scenario: Scenario; events: number } {
    const count = this.eventsUpTo(at);
    let scenario = this.worlds.get(count);
    if (!scenario) {
      // Resolve a copy: the resolved model shares arrays with what it was made from.
      scenario = resolveScenario(structuredClone(this.stateAfter(count).file));
      if (this.worlds.size >= CACHED_WORLDS) {
        const oldest = [...this.worlds.keys()].find(k => k !== 0)!;
        this.worlds.delete(oldest);
      }
      this.worlds.set(count, scenario);
    }
    return { scenario, events: count };
  }

  /** Collection instants: start, start + step, … up to `now` (just start without a timeline). */
  instants(now: number): number[] {
    const { start, step } = this.frame;
    if (step === 0) return [start];
    const out: number[] = [];
    for (let t = start; t <= now; t += step) out.push(t);
    return out;
  }

  /** Every subnet's run-out instants, from one play of the whole timeline (then kept). */
  allRunOuts(): SubnetRunOut[] {
    if (!this.runOuts) {
      const file = this.base.timeline?.file;
      const world = file ? new WorldState(file) : undefined;
      const outs = new Map<string, SubnetRunOut>();
      const subnetIds = this.base.regions.flatMap(r =>
        r.subnets.map(s => s.id),
      );
      for (const id of subnetIds) {
        outs.set(id, { subnetId: id, noFreeBlockAt: null, noFreeIpAt: null });
      }
      const check = (at: number) => {
        for (const out of outs.values()) {
          const space = world?.spaces.get(out.subnetId);
          if (!space) continue;
          if (out.noFreeBlockAt === null && space.freeBlocks() === 0)
            out.noFreeBlockAt = at;
          if (out.noFreeIpAt === null && space.freeIps() === 0)
            out.noFreeIpAt = at;
        }
      };
      if (world) {
        check(this.frame.start);
        this.events.forEach((e, i) => {
          this.apply(world, e);
          if (this.events[i + 1]?.at !== e.at) check(e.at);
        });
      } else {
        this.staticRunOuts(outs);
      }
      this.runOuts = outs;
    }
    return [...this.runOuts.values()];
  }

  /** Without a timeline the world never changes: a subnet is out from the start or never. */
  private staticRunOuts(outs: Map<string, SubnetRunOut>) {
    for (const [id, space] of spacesOf(this.base)) {
      const out = outs.get(id)!;
      if (space.freeBlocks() === 0) out.noFreeBlockAt = this.frame.start;
      if (space.freeIps() === 0) out.noFreeIpAt = this.frame.start;
    }
  }

  runsOut(subnetId: string): SubnetRunOut {
    const found = this.allRunOuts().find(o => o.subnetId === subnetId);
    if (!found)
      throw new Error(`No subnet ${subnetId} in scenario ${this.base.name}`);
    return found;
  }
}
