import { BadUserInputError } from '@opshub/errors';

/**
 * Ports fetch() refuses to connect to (WHATWG Fetch, "bad port"). A source registered on one of them could
 * never be pulled: every attempt would fail with a bare "fetch failed" (how NectarCAM on 4190 went unseen).
 */
const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export interface SourceUrlOptions {
  /** The argument's name in error extensions (`field`). */
  field?: string;
  /** Whether a query string may stay (a DQM results listing may need one; the pull protocols do not). */
  allowQuery?: boolean;
}

/**
 * Checks a URL an admin registers for the workers to pull from: absolute http(s), no credentials, no query
 * (unless allowed), on a port fetch() can reach. Returns it parsed, without its fragment.
 */
export function sourceUrl(raw: string, options: SourceUrlOptions = {}): URL {
  const field = options.field ?? 'url';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BadUserInputError(`${field} must be an absolute http(s) URL`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BadUserInputError(`${field} must be an http(s) URL`, { field });
  if (url.username || url.password)
    throw new BadUserInputError(`${field} must not carry credentials`, { field });
  if (url.search && !options.allowQuery)
    throw new BadUserInputError(`${field} must not carry a query`, { field });
  if (url.port && FETCH_BAD_PORTS.has(Number(url.port)))
    throw new BadUserInputError(
      `${field} uses port ${url.port}, which HTTP clients refuse to connect to (the Fetch standard's bad ports); serve the source on another port`,
      { field },
    );
  url.hash = '';
  return url;
}
