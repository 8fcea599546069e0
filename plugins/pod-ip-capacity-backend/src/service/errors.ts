import { CustomErrorBase } from '@backstage/errors';

/**
 * Asked again too soon: carries when to come back, which the router sends
 * as `Retry-After`.
 */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAt: Date, now: Date) {
    super(message);
    this.name = 'TooManyRequestsError';
    this.retryAfterSeconds = Math.max(
      1,
      Math.ceil((retryAt.getTime() - now.getTime()) / 1000),
    );
  }
}
