import { createHash } from 'node:crypto';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** Deterministic lowercase hex of `length` characters derived from `seed`. */
export function stableHex(seed: string, length: number): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    out += digest(`${seed}#${round++}`).toString('hex');
  }
  return out.slice(0, length);
}

/** A deterministic RFC 4122-shaped UUID (Kubernetes uids, request ids in tests). */
export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

// The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery rand.String).
const KUBE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic generated-name suffix such as the `x7k2p` of `web-5d8f9c7b6-x7k2p`. */
export function kubeSuffix(seed: string, length: number): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += KUBE_ALPHABET[bytes[i % bytes.length] % KUBE_ALPHABET.length];
  }
  return out;
}

/** A deterministic MAC address in the locally administered range EC2 uses (`02:…`/`06:…`). */
export function stableMac(seed: string): string {
  const h = stableHex(seed, 10);
  return `02:${h.match(/../g)!.join(':')}`;
}
