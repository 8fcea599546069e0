import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  podIpCapacityReadPermission,
  podIpCapacityRefreshPermission,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import express from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter, spec } from '../schema/openapi/generated';
import { PodIpCapacityService } from './PodIpCapacityService';
import { bodyParsing, errorHandler, notFoundHandler } from './httpErrors';

export interface RouterOptions {
  service: PodIpCapacityService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Validate responses against the OpenAPI spec too (tests turn this on). */
  validateResponses?: boolean;
}

/**
 * The REST API: authenticate (the http router requires credentials on every
 * route but /health), check permission, validate input against the OpenAPI
 * spec, hand it to the service, return its answer. Errors are JSON bodies in
 * our own words; unknown routes and methods are JSON 404s and 405s.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions } = options;
  const outer = Router();

  // Outside the validated router: probes add query parameters of their own.
  outer.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Requests are validated against the contract; handlers are typed by it.
  // Who may call is the HTTP router's credentials barrier's to decide, not
  // the validator's (it would only look for the header).
  const api = await createOpenApiRouter({
    middleware: bodyParsing(),
    validatorOptions: {
      validateSecurity: false,
      validateResponses: options.validateResponses ?? false,
    },
  });

  const requirePermission = async (
    req: express.Request<any, any, any, any>,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(
        `You may not use this: the ${permission.name} permission is required.`,
      );
    }
    return credentials;
  };

  api.get('/clusters', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.listClusters());
  });

  api.get('/clusters/:name', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getCluster(req.params.name));
  });

  api.get('/overview', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getOverview());
  });

  api.get('/nodes', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(await service.listNodes(req.query, credentials));
  });

  api.get('/clusters/:name/nodes/:node', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getNode(req.params.name, req.params.node));
  });

  api.get('/clusters/:name/foresight', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getClusterForesight(req.params.name));
  });

  api.get('/clusters/:name/fixes', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getClusterFixes(req.params.name, req.query.subnet));
  });

  api.get('/what-if/add-replicas', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(await service.whatIfAddReplicas(req.query, credentials));
  });

  api.get('/what-if/rollout', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(await service.whatIfRollout(req.query, credentials));
  });

  api.get('/what-if/rotate', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.whatIfRotate(req.query));
  });

  api.get('/history', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    res.json(await service.getHistory(req.query));
  });

  api.get('/entity', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(await service.getEntityCapacity(req.query.entityRef, credentials));
  });

  api.get('/owners', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(await service.listOwners(credentials));
  });

  api.post('/refresh', async (req, res) => {
    await requirePermission(req, podIpCapacityRefreshPermission);
    res.status(202).json(await service.refresh(req.body?.cluster));
  });

  outer.use(api);
  outer.use(notFoundHandler(spec.paths));
  outer.use(errorHandler(options.logger));
  return outer;
}
