import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * A root logger that keeps every line any plugin logs (message, meta and the
 * child loggers' fields), so tests can assert what reaches the logs.
 */
export function recordingLogger(): {
  lines: string[];
  factory: ServiceFactory<RootLoggerService, 'root'>;
} {
  const lines: string[] = [];
  const make = (fields: JsonObject): LoggerService => {
    const log =
      (level: string) => (message: string, meta?: Error | JsonObject) => {
        const extra =
          meta instanceof Error
            ? `${meta.name}: ${meta.message} ${
                meta.stack ?? ''
              } ${JSON.stringify(meta)}`
            : JSON.stringify(meta ?? {});
        lines.push(`${level} ${JSON.stringify(fields)} ${message} ${extra}`);
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...fields, ...meta }),
    };
  };
  const root = make({});
  return {
    lines,
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => root,
    }),
  };
}
