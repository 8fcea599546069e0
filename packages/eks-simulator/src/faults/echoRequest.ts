import http from 'node:http';

/**
 * The request as a misbehaving proxy echoes it in an error page: the request line and every
 * header as received, credentials included (`Authorization`, `X-Amz-Security-Token`), so
 * tests can prove a client never shows upstream bodies.
 */
export function echoRequest(req: http.IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
