import http from 'node:http';
import { stableUuid } from '../scenario/ids';

/** A JSON answer with the headers the API server sends (an audit id, no caching). */
export function sendKubeJson(
  res: http.ServerResponse,
  code: number,
  body: unknown,
) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'audit-id': stableUuid(`${Date.now()}/${Math.random()}`),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}
