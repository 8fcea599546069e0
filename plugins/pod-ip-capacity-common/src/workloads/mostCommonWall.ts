import { NodeHeadroom } from '../types';

/**
 * The wall most of the given nodes hit first (`unknown` for none); the
 * first seen wins a tie, so the result follows node order.
 */
export function mostCommonWall(
  headrooms: readonly NodeHeadroom[],
): NodeHeadroom['wall'] {
  const counts = new Map<NodeHeadroom['wall'], number>();
  for (const h of headrooms) counts.set(h.wall, (counts.get(h.wall) ?? 0) + 1);
  let best: NodeHeadroom['wall'] = 'unknown';
  let bestCount = 0;
  for (const [wall, count] of counts) {
    if (count > bestCount) {
      best = wall;
      bestCount = count;
    }
  }
  return best;
}
