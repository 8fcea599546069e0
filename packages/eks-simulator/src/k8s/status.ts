/** A failure the API server answers with a `Status` object. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: object,
  ) {
    super(message);
  }
}

/** The `meta/v1` Status object of a failed request, as the API server writes it. */
export function status(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** 404 for a named object, or for a path the server does not serve at all. */
export function notFound(kind?: string, name?: string): StatusError {
  return kind
    ? new StatusError(404, 'NotFound', `${kind} "${name}" not found`, {
        name,
        kind,
      })
    : new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
        {},
      );
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', message);
}
