import http from 'node:http';
import https from 'node:https';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body parsed as JSON, or the text when it is not JSON. */
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  ca?: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Give up (reject with code `ETIMEDOUT`) when no response arrives in time. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A plain node:http(s) request, as the Kubernetes client libraries make them. */
export function request(
  url: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        signal: options.signal,
        headers: {
          ...(options.token
            ? { authorization: `Bearer ${options.token}` }
            : {}),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 5000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // plain text (healthz, kubeconfig, HTML error pages)
          }
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body,
            text,
          });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error('no response in time'), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves when `check()` holds (polling), so tests wait for a server-side effect. */
export async function waitFor(
  check: () => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 10));
  }
}
