import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import express from 'express';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';

/** The largest request body taken: a refresh request is a few bytes. */
export const BODY_LIMIT = '16kb';
const MESSAGE_LIMIT = 300;
const URL_LIMIT = 200;

/** Statuses of the errors Backstage's error classes stand for. */
const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

function send(
  req: express.Request,
  res: express.Response,
  statusCode: number,
  name: string,
  message: string,
) {
  res.status(statusCode).json({
    error: { name, message: message.slice(0, MESSAGE_LIMIT) },
    request: { method: req.method, url: req.originalUrl.slice(0, URL_LIMIT) },
    response: { statusCode },
  });
}

/**
 * JSON bodies up to a small limit. Too large → 413, not JSON → 400; neither
 * answer repeats any of the body.
 */
export function bodyParsing(): express.RequestHandler[] {
  const tooLarge: express.ErrorRequestHandler = (error, req, res, next) => {
    if (error?.type === 'entity.too.large') {
      send(
        req,
        res,
        413,
        'PayloadTooLargeError',
        `The request body is larger than ${BODY_LIMIT}.`,
      );
    } else if (error?.type === 'entity.parse.failed') {
      send(req, res, 400, 'InputError', 'The request body is not valid JSON.');
    } else {
      next(error);
    }
  };
  return [
    express.json({ limit: BODY_LIMIT }),
    tooLarge as unknown as express.RequestHandler,
  ];
}

/** `/clusters/{name}` → a matcher for `/clusters/anything`. */
function pathMatcher(template: string): RegExp {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}/?$`);
}

/**
 * After every route: a known path with another method is a 405 naming the
 * methods it takes (`Allow`); anything else is a JSON 404.
 */
export function notFoundHandler(
  paths: Record<string, Record<string, unknown>>,
): express.RequestHandler {
  const known = Object.entries(paths).map(([template, operations]) => ({
    matches: pathMatcher(template),
    methods: Object.keys(operations).map(m => m.toUpperCase()),
  }));
  return (req, res) => {
    const path = known.find(k => k.matches.test(req.path));
    if (path) {
      const allow = [
        ...path.methods,
        ...(path.methods.includes('GET') ? ['HEAD'] : []),
      ];
      res.setHeader('Allow', allow.join(', '));
      send(
        req,
        res,
        405,
        'MethodNotAllowedError',
        `${req.method} is not allowed here; use ${path.methods.join(' or ')}.`,
      );
      return;
    }
    send(
      req,
      res,
      404,
      'NotFoundError',
      'No such route in the Pod IP Capacity API.',
    );
  };
}

/**
 * Every error as a JSON body in Backstage's shape, but only its name and our
 * message: never a stack, a cause or a nested upstream body (a catalog
 * error can carry all three). Errors that are not ours say "internal error";
 * their detail goes to the log, redacted.
 */
export function errorHandler(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const name = isError(error) ? error.name : 'Error';
    const ownStatus = (error as { statusCode?: unknown })?.statusCode;
    const statusCode =
      typeof ownStatus === 'number' && ownStatus >= 400 && ownStatus <= 599
        ? ownStatus
        : STATUS_BY_NAME[name] ?? 500;
    const retryAfter = (error as { retryAfterSeconds?: unknown })
      ?.retryAfterSeconds;
    if (typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(retryAfter));
    }
    if (statusCode >= 500 && !(name in STATUS_BY_NAME)) {
      logger.error(
        `Pod IP capacity: ${req.method} ${req.path} failed: ${describeForLog(
          error,
        )}`,
      );
      send(
        req,
        res,
        statusCode,
        'InternalError',
        'Pod IP Capacity failed to answer; the backend log has the details.',
      );
      return;
    }
    send(
      req,
      res,
      statusCode,
      name,
      isError(error) ? error.message : String(error),
    );
  };
}
