/**
 * What the refresh and page benchmarks share: the catalog of the simulator's
 * generated scenario (its default 20 services, `svc-000`…, each labelled
 * `backstage.io/kubernetes-id`) and the median they print.
 */

/** Services the generated scenario labels its pods with (its default). */
export const SERVICES = 20;
/** Teams owning them, in turn. */
export const TEAMS = 4;

/** One Component per generated service, owned by a few teams, as catalog YAML. */
export function catalogFile(): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${t}\nspec:\n  type: team\n  children: []\n`,
    );
  }
  for (let s = 0; s < SERVICES; s++) {
    const name = `svc-${String(s).padStart(3, '0')}`;
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    backstage.io/kubernetes-id: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-${
        s % TEAMS
      }\n`,
    );
  }
  return docs.join('---\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
