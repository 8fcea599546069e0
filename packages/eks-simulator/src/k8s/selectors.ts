import { KubeObject } from '../scenario/types';

/** A selector the API server rejects: answered with a 400 BadRequest Status. */
export class SelectorError extends Error {}

type LabelRequirement =
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string };

export type LabelMatcher = (
  labels: Record<string, string> | undefined,
) => boolean;

/** Splits on commas that are not inside `( … )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string, requirement: string) {
  if (!KEY.test(key)) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.' (in requirement "${requirement}")`,
    );
  }
}

function checkValue(value: string, requirement: string) {
  if (!VALUE.test(value)) {
    throw new SelectorError(
      `unable to parse requirement: values[0]: Invalid value: "${value}" (in requirement "${requirement}")`,
    );
  }
}

/**
 * Kubernetes label selectors: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated and ANDed (apimachinery labels.Parse).
 */
export function parseLabelSelector(
  text: string | null | undefined,
): LabelMatcher {
  if (!text || !text.trim()) return () => true;
  const requirements: LabelRequirement[] = splitTopLevel(text).map(part => {
    let m = /^!\s*(\S+)$/.exec(part);
    if (m) {
      checkKey(m[1], part);
      return { op: '!exists', key: m[1] };
    }
    m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      checkKey(m[1], part);
      const values = m[3].split(',').map(v => v.trim());
      values.forEach(v => checkValue(v, part));
      return { op: m[2] as 'in' | 'notin', key: m[1], values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (m) {
      checkKey(m[1], part);
      checkValue(m[3], part);
      return { op: m[2] === '!=' ? 'notin' : 'in', key: m[1], values: [m[3]] };
    }
    if (/^\S+$/.test(part) && !/[=!()<>]/.test(part)) {
      checkKey(part, part);
      return { op: 'exists', key: part };
    }
    throw new SelectorError(
      `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
    );
  });
  return labels => {
    const l = labels ?? {};
    return requirements.every(r => {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case '!exists':
          return !has;
        case 'in':
          return has && r.values.includes(l[r.key]);
        case 'notin':
          return !has || !r.values.includes(l[r.key]);
        default:
          return false;
      }
    });
  };
}

export type FieldGetter = (obj: KubeObject) => string;

/** The selectable fields per resource, with the value the API server compares against. */
export const FIELD_GETTERS: Record<string, Record<string, FieldGetter>> = {
  pods: {
    'metadata.name': o => o.metadata.name,
    'metadata.namespace': o => o.metadata.namespace ?? '',
    'spec.nodeName': o => o.spec?.nodeName ?? '',
    'spec.restartPolicy': o => o.spec?.restartPolicy ?? '',
    'spec.schedulerName': o => o.spec?.schedulerName ?? '',
    'spec.serviceAccountName': o => o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': o => String(Boolean(o.spec?.hostNetwork)),
    'status.phase': o => o.status?.phase ?? '',
    'status.podIP': o => o.status?.podIP ?? '',
    'status.podIPs': o => o.status?.podIP ?? '',
    'status.nominatedNodeName': o => o.status?.nominatedNodeName ?? '',
  },
  nodes: {
    'metadata.name': o => o.metadata.name,
    'spec.unschedulable': o => String(Boolean(o.spec?.unschedulable)),
  },
  namespaces: {
    'metadata.name': o => o.metadata.name,
    'status.phase': o => o.status?.phase ?? '',
  },
};

const DEFAULT_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
};

/** Field selectors: `field=value`, `field==value`, `field!=value`, comma-separated and ANDed. */
export function parseFieldSelector(
  text: string | null | undefined,
  resource: string,
): (o: KubeObject) => boolean {
  if (!text || !text.trim()) return () => true;
  const fields = FIELD_GETTERS[resource] ?? DEFAULT_FIELDS;
  const terms = text.split(',').map(part => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) {
      throw new SelectorError(
        `invalid selector: '${part}'; can't understand '${part}'`,
      );
    }
    const getter = fields[m[1].trim()];
    if (!getter) {
      throw new SelectorError(`field label not supported: ${m[1].trim()}`);
    }
    return { getter, negate: m[2] === '!=', value: m[3] };
  });
  return obj => terms.every(t => (t.getter(obj) === t.value) !== t.negate);
}
