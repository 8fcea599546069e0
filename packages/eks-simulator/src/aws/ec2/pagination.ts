import { createHash } from 'node:crypto';
import { AwsError, ec2Errors } from '../errors';
import { Ec2Request } from './request';

export interface PageRules {
  min: number;
  max: number;
  /** Page size when MaxResults is absent (default: everything). */
  defaultMax?: number;
  /** The id-list parameter that cannot be combined with MaxResults, and its EC2 name. */
  exclusiveIds?: { present: boolean; name: string };
}

/** NextTokens are bound to the call's other parameters: a token of another query is refused. */
function fingerprint(req: Ec2Request): string {
  const keys = req.params
    .keys()
    .filter(k => k !== 'NextToken' && k !== 'MaxResults')
    .sort()
    .map(k => `${k}=${req.params.get(k)}`)
    .join('&');
  return createHash('sha256')
    .update(`${req.accountId}/${req.regionName}/${keys}`)
    .digest('hex')
    .slice(0, 12);
}

/** `MaxResults` as EC2 validates it: not with explicit ids, an integer within the action's range. */
function maxResults(req: Ec2Request, rules: PageRules): number | undefined {
  const maxText = req.params.get('MaxResults');
  if (maxText === undefined) return undefined;
  if (rules.exclusiveIds?.present) {
    throw ec2Errors.invalidParameterCombination(
      `The parameter ${rules.exclusiveIds.name} cannot be used with the parameter maxResults`,
    );
  }
  if (!/^-?\d+$/.test(maxText)) {
    throw ec2Errors.invalidParameterValue(
      `Invalid value '${maxText}' for maxResults`,
    );
  }
  const max = Number(maxText);
  if (max < rules.min) {
    throw ec2Errors.invalidParameterValue(
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${rules.min}.`,
    );
  }
  if (max > rules.max) {
    throw ec2Errors.invalidParameterValue(
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value less than ${rules.max}.`,
    );
  }
  return max;
}

/** Where the page starts: 0, or the offset an unexpired token of this same query carries. */
function offsetOf(req: Ec2Request): number {
  const tokenText = req.params.get('NextToken');
  if (!tokenText) return 0;
  let decoded: { a?: string; o?: number; f?: string } | undefined;
  try {
    decoded = JSON.parse(Buffer.from(tokenText, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !decoded ||
    decoded.a !== req.action ||
    decoded.f !== fingerprint(req) ||
    typeof decoded.o !== 'number'
  ) {
    throw new AwsError(
      'InvalidPaginationToken',
      'The specified pagination token is not valid or is expired.',
    );
  }
  return decoded.o;
}

/** One page of `items` and the opaque NextToken of the next one, as EC2 pages. */
export function paginate<T>(
  req: Ec2Request,
  items: T[],
  rules: PageRules,
): { page: T[]; nextToken?: string } {
  const max = maxResults(req, rules);
  const offset = offsetOf(req);
  const size = max ?? rules.defaultMax ?? items.length;
  const end = Math.min(items.length, offset + size);
  const page = items.slice(offset, end);
  const nextToken =
    end < items.length
      ? Buffer.from(
          JSON.stringify({ a: req.action, o: end, f: fingerprint(req) }),
        ).toString('base64url')
      : undefined;
  return { page, nextToken };
}
