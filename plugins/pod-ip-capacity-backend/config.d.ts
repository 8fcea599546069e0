export interface Config {
  /** Configuration of the Pod IP Capacity backend plugin. */
  podIpCapacity?: {
    /** How often the capacity snapshots are refreshed. */
    refresh?: {
      /**
       * A Backstage duration, e.g. `{ minutes: 5 }` or an ISO 8601 duration
       * string such as `PT5M`.
       */
      frequency?: { [unit: string]: number } | string;
    };
  };
}
