/**
 * Secrets that can ride along in upstream error bodies, messages and URLs:
 * bearer and IAM tokens, JWTs (Backstage and service-account tokens), AWS
 * access key ids, secret keys and SigV4 signatures, kubeconfig credentials.
 * Problems shown to users never quote upstream text at all; this is for log
 * lines, where an operator needs the upstream detail but not the secret.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  [/k8s-aws-v1\.[\w-]+/g, 'k8s-aws-v1.[redacted]'],
  [/\beyJ[\w-]{5,}\.[\w-]*\.?[\w-]*/g, '[redacted-jwt]'],
  [
    /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b/g,
    '[redacted-access-key]',
  ],
  [
    /(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi,
    '$1[redacted]',
  ],
  [/(Signature=)[0-9a-f]{16,}/gi, '$1[redacted]'],
  [
    /((?:authorization|x-amz-security-token|cookie|set-cookie)\s*[:=]\s*)[^\r\n]+/gi,
    '$1[redacted]',
  ],
  [
    /((?:secret[_-]?access[_-]?key|aws_session_token|session[_-]?token|password|client-key-data|client-certificate-data|token)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
    '$1[redacted]',
  ],
];

/**
 * The text with every secret we know the shape of replaced.
 *
 * @public
 */
export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/**
 * An error (or anything thrown) as one short, redacted line for a log: name,
 * code and message, at most `max` characters.
 *
 * @public
 */
export function describeForLog(error: unknown, max = 500): string {
  if (!(error instanceof Error)) return redact(String(error)).slice(0, max);
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  const parts = [
    `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${
      error.message
    }`,
  ];
  if (cause instanceof Error)
    parts.push(`caused by ${cause.name}: ${cause.message}`);
  return redact(parts.join('; ')).slice(0, max);
}

/**
 * An error code taken from upstream, kept only when it looks like one
 * (`UnauthorizedOperation`, `ECONNREFUSED`, `InvalidParameterValue`), so that
 * no upstream text reaches a user through a field meant for a code.
 *
 * @public
 */
export function safeCode(value: unknown, fallback = 'Unknown'): string {
  return typeof value === 'string' && /^[A-Za-z][\w.]{0,63}$/.test(value)
    ? value
    : fallback;
}
