/** The sections of the overview a link can lead to. */
export type OverviewSection = 'clusters' | 'node-groups' | 'subnets' | 'nodes';

/** What the overview's tables are filtered by, kept in the URL. */
export interface OverviewFilters {
  cluster?: string;
  /** Text the nodes table is filtered by (a node, a node group, a subnet id…). */
  q?: string;
  subnet?: string;
}

/**
 * A link to the overview with its tables filtered, scrolled to a section:
 * `?cluster=eks-prod#nodes`, after `base` (the overview's path when linking
 * from another page).
 */
export function overviewLink(
  filters: OverviewFilters,
  section: OverviewSection,
  base = '',
): string {
  const params = new URLSearchParams();
  if (filters.cluster) params.set('cluster', filters.cluster);
  if (filters.q) params.set('q', filters.q);
  if (filters.subnet) params.set('subnet', filters.subnet);
  return `${base}?${params.toString()}#${section}`;
}
