import http from 'node:http';
import { timelineRoutes } from './adminTimeline';
import { sendJson } from './aws/awsResponses';
import { RunningSimulator } from './simulatorTypes';

/** What the CLI prints and `GET /__simulator` returns. */
export function describeEndpoints(sim: RunningSimulator) {
  return {
    scenario: sim.scenario.name,
    aws: {
      endpoint: sim.awsEndpoint,
      admin: sim.adminUrl,
      credentials: sim.credentials,
    },
    clusters: sim.clusters,
    roles: sim.scenario.accounts.flatMap(a =>
      a.roles.map(r => `arn:aws:iam::${a.id}:role/${r.name}`),
    ),
  };
}

interface AdminRequest {
  method: string;
  /** Path segments after `/__simulator`, decoded. */
  parts: string[];
  /** `METHOD /a/b` */
  route: string;
  url: URL;
  json(): any;
}

function parseAdminRequest(
  req: http.IncomingMessage,
  url: URL,
  body: Buffer,
): AdminRequest {
  const method = req.method ?? 'GET';
  const parts = url.pathname
    .replace(/\/+$/, '')
    .split('/')
    .filter(Boolean)
    .slice(1)
    .map(decodeURIComponent);
  return {
    method,
    parts,
    route: `${method} /${parts.join('/')}`,
    url,
    json: () => {
      try {
        return body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new Error('request body is not JSON');
      }
    },
  };
}

type Handler = (
  sim: RunningSimulator,
  a: AdminRequest,
  res: http.ServerResponse,
) => boolean;

/** Counters and fault switches. */
const faultRoutes: Handler = (sim, a, res) => {
  const { route, method, parts } = a;
  if (route === 'GET /counters') sendJson(res, 200, sim.counters());
  else if (route === 'POST /counters/reset') {
    sim.resetCounters();
    sendJson(res, 200, sim.counters());
  } else if (route === 'GET /faults') sendJson(res, 200, sim.faults.list());
  else if (route === 'POST /faults')
    sendJson(res, 201, { id: sim.faults.add(a.json()) });
  else if (route === 'DELETE /faults') {
    sim.faults.clear();
    sendJson(res, 200, []);
  } else if (
    method === 'DELETE' &&
    parts[0] === 'faults' &&
    parts.length === 2
  ) {
    const removed = sim.faults.remove(parts[1]);
    sendJson(
      res,
      removed ? 200 : 404,
      removed ? { removed: parts[1] } : { error: `No fault ${parts[1]}` },
    );
  } else return false;
  return true;
};

/** `POST /clusters/<name>/down|up|expire-continue-tokens`. */
const clusterRoutes: Handler = (sim, a, res) => {
  const { method, parts, url } = a;
  if (method !== 'POST' || parts[0] !== 'clusters' || parts.length !== 3)
    return false;
  const [, name, verb] = parts;
  sim.cluster(name);
  if (verb === 'down') {
    const mode = url.searchParams.get('mode') === '503' ? '503' : 'refuse';
    sendJson(res, 201, { id: sim.faults.takeClusterDown(name, mode) });
  } else if (verb === 'up') {
    sim.faults.bringClusterUp(name);
    sendJson(res, 200, { up: name });
  } else if (verb === 'expire-continue-tokens') {
    sim.expireContinueTokens(name);
    sendJson(res, 200, { expired: name });
  } else return false;
  return true;
};

/**
 * `GET|POST /accounts/<id>/managed-resource-visibility`; POST (or PUT) takes
 * `{"visibility": "hidden" | "visible", "region"?: "…"}`.
 */
const visibilityRoutes: Handler = (sim, a, res) => {
  const { method, parts } = a;
  if (
    parts[0] !== 'accounts' ||
    parts.length !== 3 ||
    parts[2] !== 'managed-resource-visibility'
  )
    return false;
  const accountId = parts[1];
  let region: string | undefined;
  if (method === 'POST' || method === 'PUT') {
    const body = a.json();
    region = body.region;
    sim.setManagedResourceVisibility(accountId, body.visibility, { region });
  } else if (method !== 'GET') return false;
  sendJson(res, 200, {
    accountId,
    visibility: sim.getManagedResourceVisibility(accountId),
    ...(region
      ? {
          region,
          regionVisibility: sim.getManagedResourceVisibility(accountId, {
            region,
          }),
        }
      : {}),
  });
  return true;
};

/** Kubeconfig, CA certificate and the endpoint summary. */
const setupRoutes: Handler = (sim, a, res) => {
  if (a.route === 'GET /') sendJson(res, 200, describeEndpoints(sim));
  else if (a.route === 'GET /kubeconfig') {
    const only = a.url.searchParams.getAll('cluster');
    res.writeHead(200, { 'content-type': 'application/yaml' });
    res.end(sim.kubeconfig(only.length ? { clusters: only } : {}));
  } else if (a.route === 'GET /ca.crt') {
    res.writeHead(200, { 'content-type': 'application/x-pem-file' });
    res.end(sim.caCert);
  } else return false;
  return true;
};

const ROUTES: Handler[] = [
  setupRoutes,
  faultRoutes,
  clusterRoutes,
  visibilityRoutes,
  (sim, a, res) => timelineRoutes(sim, a.route, a.json, res),
];

/** The admin API under `/__simulator`; false when no route matches (a 404 follows). */
export async function adminRoute(
  sim: RunningSimulator,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
): Promise<boolean> {
  const a = parseAdminRequest(req, url, body);
  try {
    return ROUTES.some(route => route(sim, a, res));
  } catch (e) {
    sendJson(res, 400, { error: (e as Error).message });
    return true;
  }
}
