/** `DescribeInstances`, `ec2:DescribeInstances`, `ec2:*` and `*` all name actions. */
export function actionMatches(
  pattern: string | undefined,
  service: string,
  action: string,
): boolean {
  if (!pattern || pattern === '*') return true;
  const [svc, act] = pattern.includes(':')
    ? pattern.split(':', 2)
    : [undefined, pattern];
  if (svc && svc.toLowerCase() !== service) return false;
  return act === '*' || act === action;
}

/** A fault's `path` matches when the request's path and query, as sent, contain it. */
export function pathMatches(
  pattern: string | undefined,
  requestTarget: string,
): boolean {
  return !pattern || requestTarget.includes(pattern);
}

/** `ec2:DescribeSubnets` or `DescribeSubnets` → `DescribeSubnets`. */
export function ec2ActionName(pattern: string): string {
  return pattern.replace(/^ec2:/i, '');
}
