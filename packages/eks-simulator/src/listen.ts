import { AddressInfo } from 'node:net';

/** The simulator only ever listens on loopback: 127.0.0.0/8, ::1 or localhost. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** A host as it goes into a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens and resolves with the port actually bound (for port 0). */
export function listenOn(
  server: { listen: Function; address: () => unknown; once: Function },
  host: string,
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}
