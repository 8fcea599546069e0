/*
 * How a timeline writes times: durations (`30m`, `6h`, `2d`, `1d12h`) and instants, either
 * relative to the timeline's origin (`-14d`, `+30d`, `0`) or ISO 8601 timestamps.
 */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `1d12h` → 129600000; undefined when the text is not a duration. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (t === '0') return 0;
  if (!/^(\d+(\.\d+)?[smhd])+$/.test(t)) return undefined;
  let ms = 0;
  for (const [, n, , unit] of t.matchAll(/(\d+(\.\d+)?)([smhd])/g)) {
    ms += Number(n) * UNIT_MS[unit];
  }
  return Math.round(ms);
}

/** An instant as written: an offset from the origin, or an absolute time. */
export type TimeText =
  | { kind: 'relative'; offsetMs: number }
  | { kind: 'absolute'; atMs: number };

/** `-14d`, `+30d`, `0`, `now` or an ISO 8601 timestamp; undefined when it is none of them. */
export function parseTimeText(text: unknown): TimeText | undefined {
  if (typeof text === 'number' && text === 0) {
    return { kind: 'relative', offsetMs: 0 };
  }
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (t === 'now') return { kind: 'relative', offsetMs: 0 };
  const rel = /^([+-])?(.+)$/.exec(t);
  const d =
    rel && /^[\d.smhd]+$/.test(rel[2]) ? parseDuration(rel[2]) : undefined;
  if (rel && d !== undefined) {
    return { kind: 'relative', offsetMs: rel[1] === '-' ? -d : d };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) {
    return { kind: 'absolute', atMs: Date.parse(t) };
  }
  return undefined;
}

/** The epoch milliseconds of an instant written relative to `origin` or absolutely. */
export function resolveTime(text: unknown, origin: number): number {
  const parsed = parseTimeText(text);
  if (!parsed) throw new Error(`'${text}' is not a time`);
  return parsed.kind === 'relative' ? origin + parsed.offsetMs : parsed.atMs;
}

/** ISO 8601 without milliseconds, as EC2 and Kubernetes print timestamps. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
