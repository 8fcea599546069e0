import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  podIpCapacityReadPermission,
  podIpCapacityRefreshPermission,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import express from 'express';
import Router from 'express-promise-router';
import { openApiSpec } from '../schema/openApiSpec';
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

  // The spec's schemas are built with small helpers, so TypeScript cannot
  // infer request types from it: the handlers use the common package's
  // response types, and the validator enforces the spec at run time.
  const api = createValidatedOpenApiRouter(
    openApiSpec as unknown as Parameters<
      typeof createValidatedOpenApiRouter
    >[0],
    {
      middleware: bodyParsing(),
      validatorOptions: {
        validateResponses: options.validateResponses ?? false,
      },
    },
  ) as unknown as express.Router;

  const requirePermission = async (
    req: express.Request,
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

  api.get('/entity', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    res.json(
      await service.getEntityCapacity(String(req.query.entityRef), credentials),
    );
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
    const cluster = req.body?.cluster as string | undefined;
    res.status(202).json(await service.refresh(cluster));
  });

  outer.use(api);
  outer.use(notFoundHandler(openApiSpec.paths));
  outer.use(errorHandler(options.logger));
  return outer;
}
