import http from 'node:http';
import { echoRequest } from '../faults/echoRequest';
import { KubernetesBadResponseFault } from '../scenario/types';
import { sendKubeJson } from './respond';
import { status } from './status';

/** What a load balancer in front of an unhealthy API server answers. */
export const HTML_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function sendText(
  res: http.ServerResponse,
  code: number,
  contentType: string,
  body: string,
) {
  res.writeHead(code, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * RBAC's refusal of a request, in the API server's words: `<resource>.<group> is forbidden:
 * User "…" cannot <verb> resource "<resource>" in API group "<group>"…`.
 */
function rbacForbidden(req: http.IncomingMessage) {
  const path = (req.url ?? '/').split('?')[0];
  const parts = path.split('/').filter(Boolean);
  // /api/v1/… or /apis/<group>/<version>/…, optionally namespaces/<ns>/…
  const core = parts[0] === 'api';
  const group = core ? '' : parts[1] ?? '';
  let rest = parts.slice(core ? 2 : 3);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 2) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name] = rest;
  const verb = name ? 'get' : 'list';
  const user = 'system:serviceaccount:backstage:backstage';
  const qualified = group ? `${resource}.${group}` : resource;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return status(
    403,
    'Forbidden',
    `${qualified}${
      name ? ` "${name}"` : ''
    } is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
    { ...(name ? { name } : {}), group, kind: resource },
  );
}

/** A `badResponse` fault's answer in place of the cluster's API server. */
export function sendKubernetesBadResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  fault: KubernetesBadResponseFault,
) {
  switch (fault.mode) {
    case 'echo500':
      sendText(res, 500, 'text/plain; charset=utf-8', echoRequest(req));
      return;
    case 'html502':
      sendText(res, 502, 'text/html', HTML_502_PAGE);
      return;
    case 'empty200':
      sendText(res, 200, 'application/json', '');
      return;
    case 'status403':
      sendKubeJson(res, 403, rbacForbidden(req));
      return;
    default: {
      // API priority and fairness rejecting a request: Retry-After + a TooManyRequests Status.
      const retryAfterSeconds = fault.retryAfterSeconds ?? 1;
      res.setHeader('retry-after', String(retryAfterSeconds));
      sendKubeJson(
        res,
        429,
        status(
          429,
          'TooManyRequests',
          'Too many requests, please try again later.',
          { retryAfterSeconds },
        ),
      );
    }
  }
}
