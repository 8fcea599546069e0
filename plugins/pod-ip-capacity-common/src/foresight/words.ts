/**
 * Small helpers for the sentences foresight gives: the same words in the
 * REST answers, the UI and alerts.
 */

/** `1284` → `1,284`: counts of addresses read better grouped. */
export function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 node`, `37 nodes`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** `pool general-purpose` for Karpenter and Auto Mode, `node group legacy` otherwise. */
export function groupWords(kind: string, name: string): string {
  return kind === 'node-group' ? `node group ${name}` : `pool ${name}`;
}
