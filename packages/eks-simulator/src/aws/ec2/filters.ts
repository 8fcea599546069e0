import { Tags } from '../../scenario/types';
import { ec2Errors } from '../errors';
import { QueryParams } from '../queryParams';

/** The values a filter name reads from an item (several for list fields, e.g. every ENI). */
export type Extractor<T> = (
  item: T,
) => Array<string | number | boolean | undefined>;
/** Filter name → what it reads, per action (EC2's documented filter names). */
export type FilterTable<T> = Record<string, Extractor<T>>;

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** `tag:<key>`, `tag-key` and `tag-value`, which every taggable resource accepts. */
function tagExtractor<T>(
  name: string,
  tagsOf: (item: T) => Tags,
): Extractor<T> | undefined {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return item => [tagsOf(item)[key]];
  }
  if (name === 'tag-key') return item => Object.keys(tagsOf(item));
  if (name === 'tag-value') return item => Object.values(tagsOf(item));
  return undefined;
}

/** EC2 semantics: filters AND together, a filter's values OR, `*` and `?` are wildcards. */
export function applyFilters<T>(
  items: T[],
  params: QueryParams,
  table: FilterTable<T>,
  tagsOf?: (item: T) => Tags,
): T[] {
  const filters = params.filters().map(f => {
    const extract =
      table[f.name] ?? (tagsOf ? tagExtractor(f.name, tagsOf) : undefined);
    if (!extract) {
      throw ec2Errors.invalidParameterValue(
        `The filter '${f.name}' is invalid`,
      );
    }
    return { extract, patterns: f.values.map(wildcard) };
  });
  if (filters.length === 0) return items;
  return items.filter(item =>
    filters.every(({ extract, patterns }) => {
      const values = extract(item)
        .filter(v => v !== undefined)
        .map(String);
      return values.some(v => patterns.some(p => p.test(v)));
    }),
  );
}
