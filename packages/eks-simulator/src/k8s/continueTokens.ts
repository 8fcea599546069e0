import { StatusError } from './status';

/** What a list `continue` token carries: where the next page starts, and when it was made. */
export interface ContinueToken {
  v: string;
  rv: number;
  start: string;
  /** Simulator extension: when the first page was served. */
  t: number;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

/**
 * The token, or the API server's answer to a bad one: 400 when it cannot be decoded, 410
 * Gone when it is older than the last compaction or its lifetime.
 */
export function decodeContinue(
  text: string,
  limits: { compactedBelow: number; ttlMs: number },
): ContinueToken {
  let token: ContinueToken;
  try {
    token = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch (e) {
    throw new StatusError(
      400,
      'BadRequest',
      `continue key is not valid: ${(e as Error).message}`,
    );
  }
  if (
    !token ||
    token.v !== 'meta.k8s.io/v1' ||
    typeof token.start !== 'string' ||
    typeof token.rv !== 'number'
  ) {
    throw new StatusError(
      400,
      'BadRequest',
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (
    token.rv < limits.compactedBelow ||
    (typeof token.t === 'number' && Date.now() - token.t > limits.ttlMs)
  ) {
    throw new StatusError(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  }
  return token;
}
