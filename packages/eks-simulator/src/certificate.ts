import { generate } from 'selfsigned';

/** A self-signed serving certificate (EC P-256) for loopback names, valid for a year. */
export async function generateCertificate(
  host = '127.0.0.1',
): Promise<{ cert: string; key: string }> {
  const now = Date.now();
  const pems = await generate(
    [{ name: 'commonName', value: 'eks-simulator' }],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 60 * 60 * 1000),
      notAfterDate: new Date(now + 365 * 24 * 60 * 60 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          digitalSignature: true,
          keyEncipherment: true,
          keyCertSign: true,
          critical: true,
        },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
            ...(host !== 'localhost' && host !== '127.0.0.1' && host !== '::1'
              ? [{ type: 7 as const, ip: host }]
              : []),
          ],
        },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}
