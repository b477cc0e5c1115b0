/**
 * Production refuses secrets that are placeholders or too weak to be secrets: a copied
 * `env.example` (`change-me-…`) must stop the process, not run it with a well-known key.
 */

const PLACEHOLDER = /change[-_ ]?me|changeme|placeholder|example|secret123|password123|^x+$|^(test|dev)[-_]/i;

/** Settings that hold a secret on their own (URLs are checked for an embedded password instead). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['OPSHUB_SECRET']);

/** Shannon entropy of the string in bits per character. */
function bitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Why `value` cannot be a production secret, or null when it can. */
export function weakSecret(value: string, minLength: number): string | null {
  if (PLACEHOLDER.test(value)) return 'is a placeholder value; generate one (openssl rand -hex 32)';
  if (value.length < minLength) return `must be at least ${minLength} characters`;
  // 32 random hex characters carry ~4 bits each; a word repeated or a keyboard run far less.
  if (bitsPerChar(value) < 3 || new Set(value).size < 10)
    return 'is too predictable to be a secret (repeated or few distinct characters); generate one (openssl rand -hex 32)';
  return null;
}

/** The password inside a connection URL, when there is one. */
export function urlPassword(url: string): string | null {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}

/** A URL as it may be logged: scheme, host and port, never user or password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

/** Every production problem with the secrets among `values` (empty outside production). */
export function productionSecretProblems(values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    if (SECRET_KEYS.has(key)) {
      const why = weakSecret(value, 32);
      if (why) problems.push(`${key}: ${why}`);
    } else if (key.endsWith('_PASSWORD')) {
      const why = weakSecret(value, 16);
      if (why) problems.push(`${key}: ${why}`);
    } else if (key.endsWith('_URL')) {
      const password = urlPassword(value);
      const why = password === null ? null : weakSecret(password, 16);
      if (why) problems.push(`${key}: the password in this URL ${why}`);
    }
  }
  return problems;
}
