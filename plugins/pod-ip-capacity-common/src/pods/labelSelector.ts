/**
 * Kubernetes label selectors as written in the
 * `backstage.io/kubernetes-label-selector` annotation: equality-based
 * (`a=b`, `a==b`, `a!=b`) and set-based (`a in (x,y)`, `a notin (x,y)`,
 * `a`, `!a`) requirements, comma-separated, all of which must hold.
 */

/**
 * One requirement of a label selector.
 *
 * @public
 */
export type LabelRequirement =
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | 'doesnotexist' };

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) {
    throw new Error(`Invalid label key '${key}' in selector '${selector}'`);
  }
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value)) {
    throw new Error(`Invalid label value '${value}' in selector '${selector}'`);
  }
  return value;
}

/**
 * Parses a label selector; throws with a readable message when it is not one.
 * The empty selector selects everything.
 *
 * @public
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map(part => {
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
    if (setMatch) {
      const values = setMatch[3]
        .split(',')
        .map(v => checkValue(v.trim(), selector));
      return {
        key: checkKey(setMatch[1], selector),
        operator: setMatch[2] as 'in' | 'notin',
        values,
      };
    }
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (equality) {
      return {
        key: checkKey(equality[1], selector),
        operator: equality[2] === '!=' ? 'notin' : 'in',
        values: [checkValue(equality[3], selector)],
      };
    }
    if (part.startsWith('!')) {
      return {
        key: checkKey(part.slice(1).trim(), selector),
        operator: 'doesnotexist',
      };
    }
    return { key: checkKey(part, selector), operator: 'exists' };
  });
}

/**
 * True when the labels satisfy every requirement. As in Kubernetes, `!=` and
 * `notin` also match objects that lack the label.
 *
 * @public
 */
export function matchesLabelSelector(
  requirements: readonly LabelRequirement[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return requirements.every(req => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.operator) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && req.values.includes(labels[req.key]);
      case 'notin':
        return !has || !req.values.includes(labels[req.key]);
      default:
        return false;
    }
  });
}
