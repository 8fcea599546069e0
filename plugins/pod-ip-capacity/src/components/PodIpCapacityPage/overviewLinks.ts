import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { OverviewFilters } from '../common/links';

export { overviewLink } from '../common/links';
export type { OverviewFilters, OverviewSection } from '../common/links';

/** The filters in the URL, and a way to change them without a new history entry. */
export function useOverviewFilters(): [
  OverviewFilters,
  (changes: Partial<OverviewFilters>) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters: OverviewFilters = {
    cluster: params.get('cluster') || undefined,
    q: params.get('q') || undefined,
    subnet: params.get('subnet') || undefined,
  };
  const update = useCallback(
    (changes: Partial<OverviewFilters>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  return [filters, update];
}
