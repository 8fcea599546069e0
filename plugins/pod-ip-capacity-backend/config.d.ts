import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Pod IP Capacity backend plugin. */
  podIpCapacity?: {
    refresh?: {
      /**
       * How often every cluster's snapshot is collected again, as a Backstage
       * duration (`{ minutes: 5 }`) or an ISO 8601 duration (`PT5M`).
       * Default: 5 minutes.
       */
      frequency?: HumanDuration | string;
      /**
       * How long one refresh of all clusters may take before the scheduler
       * abandons it. Default: 10 minutes.
       */
      timeout?: HumanDuration | string;
      /**
       * How long one cluster's refresh may take; a cluster that has not
       * answered by then counts as failed (its last good snapshot is kept)
       * and never holds up the others. Default: 2 minutes.
       */
      clusterTimeout?: HumanDuration | string;
      /**
       * The least time between two refreshes of one cluster asked for with
       * POST /refresh; the answer says when the next may start. The
       * scheduled refresh is not affected. Default: 30 seconds.
       */
      cooldown?: HumanDuration | string;
      /** Clusters refreshed at the same time. Default: 8. */
      concurrency?: number;
    };
    aws?: {
      /**
       * The EC2 endpoint URL, for VPC interface endpoints or a simulator.
       * Without it the AWS SDK's own resolution applies (including the
       * `AWS_ENDPOINT_URL_EC2` environment variable).
       */
      endpoint?: string;
      /** EC2 calls in flight at once per cluster. Default: 4. */
      concurrency?: number;
      /** Results per EC2 page, 5 to 1000. Default: 1000. */
      pageSize?: number;
      /** Attempts per EC2 call, with the SDK's adaptive retry. Default: 8. */
      maxAttempts?: number;
      /**
       * How long one HTTP request to EC2 or STS may take (a hung connection
       * is abandoned and retried). Default: 15 seconds.
       */
      requestTimeout?: HumanDuration | string;
    };
    kubernetes?: {
      /** Items per Kubernetes list page (`limit`). Default: 500. */
      pageSize?: number;
      /**
       * How long one request to a cluster (one list page, through the
       * Kubernetes plugin's proxy) may take. Default: 30 seconds.
       */
      requestTimeout?: HumanDuration | string;
    };
    catalog?: {
      /**
       * How long one read of the software catalog may take (the clusters'
       * catalog Resources and the services counted in a refresh, the
       * entities of a request). A refresh goes on without what it could not
       * read; a request answers 503. Default: 15 seconds.
       */
      requestTimeout?: HumanDuration | string;
    };
    history?: {
      /**
       * How long the history of clusters, subnets, node groups and entities
       * is kept. Rows older than a week are merged per hour, older than a
       * month per day. Default: 90 days.
       */
      retention?: HumanDuration | string;
    };
    /** Run-out forecasts of subnets, clusters, services and teams. */
    forecast?: {
      /**
       * How much history the trend is fitted over, back from the latest
       * refresh (a step change, such as a node group rotated, restarts it).
       * Between 1 and 90 days. Default: 14 days.
       */
      window?: HumanDuration | string;
    };
    /**
     * Notifications (through Backstage's notifications service) to the
     * owners of the services whose pods use a subnet at risk, and to
     * `platformGroup`. Evaluated after every refresh.
     */
    alerts?: {
      /** Send alerts at all. Default: true. */
      enabled?: boolean;
      /**
       * An entity ref (a Group, usually) that gets every alert besides the
       * services' owners, e.g. `group:default/platform-team`. Default: none.
       */
      platformGroup?: string;
      /**
       * A subnet whose nodes take /28 prefixes (or where a prefix-mode
       * pool's next node lands) with fewer free aligned /28 blocks than
       * this. 0 turns the rule off. Default: 4.
       */
      freePrefixBlocksBelow?: number;
      /**
       * A subnet whose nodes take secondary IPs with fewer available IPs
       * than this. 0 turns the rule off. Default: 32.
       */
      availableIpsBelow?: number;
      /**
       * A subnet forecast to run out in fewer days than this. 0 turns the
       * rule off. Default: 7.
       */
      forecastDaysBelow?: number;
      /**
       * The next node of a node pool or group lands in a subnet whose
       * free /28 blocks or addresses do not cover its first request.
       * Default: true.
       */
      nextNodeLanding?: boolean;
      /**
       * A cluster with no good collection for longer than this while its
       * refreshes fail. Default: 30 minutes.
       */
      collectionFailingFor?: HumanDuration | string;
      /**
       * An alert still active is sent again (the same notification,
       * marked unread) after this long. Default: 1 day.
       */
      repeatEvery?: HumanDuration | string;
      /** The path of the Pod IP Capacity page, for links. Default: /pod-ip-capacity. */
      pagePath?: string;
      /** How long one send to the notifications backend may take. Default: 15 seconds. */
      sendTimeout?: HumanDuration | string;
    };
    /**
     * Narrows or annotates the clusters the Kubernetes plugin knows. Clusters
     * not listed here are still collected, with what can be inferred.
     */
    clusters?: Array<{
      /** The cluster's name in the Kubernetes plugin. */
      name: string;
      /** The AWS account of the cluster's VPC. */
      accountId?: string;
      /** An IAM role to assume for the EC2 calls of this cluster. */
      roleArn?: string;
      /** The AWS region; otherwise read from the nodes' topology labels. */
      region?: string;
      /** Leave this cluster out of Pod IP Capacity. */
      exclude?: boolean;
    }>;
  };
}
