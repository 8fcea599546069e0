import { Scenario } from './scenario/types';

/**
 * The world every server answers from. A timeline seek replaces it in one assignment
 * between two requests (Node runs one at a time), so no answer mixes two instants; each
 * server reads it once per request.
 */
export class ServedWorld {
  private readonly listeners: Array<(next: Scenario) => void> = [];

  constructor(private current: Scenario) {}

  get scenario(): Scenario {
    return this.current;
  }

  replace(next: Scenario): void {
    this.current = next;
    for (const l of this.listeners) l(next);
  }

  /** Servers that keep per-world state (the clusters' APIs) follow the replacement. */
  onReplace(listener: (next: Scenario) => void): void {
    this.listeners.push(listener);
  }
}
