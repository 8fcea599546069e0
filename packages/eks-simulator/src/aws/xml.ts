/** XML text escaping for element content. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | XmlValue[];

/**
 * `<name>value</name>`; an undefined/null value omits the element, as EC2 omits absent
 * fields. Arrays are concatenated (pre-rendered child elements).
 */
export function el(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${flatten(value)}</${name}>`;
  if (typeof value === 'string')
    return `<${name}>${escapeXml(value)}</${name}>`;
  return `<${name}>${String(value)}</${name}>`;
}

/** Raw (already rendered) children. */
export function raw(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

function flatten(values: XmlValue[]): string {
  return values
    .map(v => {
      if (Array.isArray(v)) return flatten(v);
      return v === undefined || v === null ? '' : String(v);
    })
    .join('');
}

/** An EC2 list: `<nameSet><item>…</item>…</nameSet>` (always present, possibly empty). */
export function itemSet<T>(
  name: string,
  items: T[],
  render: (item: T) => string,
): string {
  return `<${name}>${items
    .map(i => `<item>${render(i)}</item>`)
    .join('')}</${name}>`;
}

/** EC2's `tagSet`. */
export function tagSet(tags: Record<string, string>): string {
  return itemSet(
    'tagSet',
    Object.entries(tags),
    ([k, v]) => el('key', k) + el('value', v),
  );
}
