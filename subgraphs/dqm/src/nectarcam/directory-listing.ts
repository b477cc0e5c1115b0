/** A results tarball listed by a source: `<camera>_DQM_Run<N>.tar.gz`. */
export interface ListedRun {
  fileName: string;
  camera: string;
  runNumber: number;
  /** Absolute URL of the file. */
  url: string;
}

const RESULTS_FILE = /^(NectarCAM(?:QM|\d+))_DQM_Run(\d{1,9})\.tar\.gz$/;

/**
 * The results tarballs of an Apache / nginx style HTML index (`<a href="…">`), each once, in run
 * order. Links elsewhere (parent directory, sort links, other files, other hosts) are ignored.
 */
export function parseDirectoryListing(html: string, baseUrl: string): ListedRun[] {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const found = new Map<string, ListedRun>();
  for (const m of html.matchAll(/<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) continue;
    const fileName = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
    const r = RESULTS_FILE.exec(fileName);
    if (!r || found.has(fileName)) continue;
    url.search = '';
    url.hash = '';
    found.set(fileName, { fileName, camera: r[1]!, runNumber: Number(r[2]), url: url.href });
  }
  return [...found.values()].sort((a, b) => a.runNumber - b.runNumber || a.camera.localeCompare(b.camera));
}

function decodeEntities(s: string): string {
  return s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}
