/** The DQM pages' hash paths: `#/dqm?camera=…&from=…&to=…&bad=1`, `#/dqm/run/<camera>/<n>`, `#/dqm/square?cluster=…`, `#/dqm/control`. */
export interface DqmRunsFilter {
  camera: string | null;
  /** Lowest run number shown. */
  from: number | null;
  /** Highest run number shown. */
  to: number | null;
  /** Only runs with more bad pixels than `badAbove`. */
  onlyBad: boolean;
  badAbove: number;
}

export type DqmCluster = 'PRODUCTION' | 'PLAYBACK';

export type DqmRoute =
  | { name: 'dqm-runs'; filter: DqmRunsFilter }
  | { name: 'dqm-run'; camera: string; runNumber: number }
  | { name: 'dqm-square'; cluster: DqmCluster }
  | { name: 'dqm-control' };

export const NO_FILTER: DqmRunsFilter = { camera: null, from: null, to: null, onlyBad: false, badAbove: 0 };

function runNumber(text: string | null): number | null {
  if (text === null || !/^\d{1,9}$/.test(text.trim())) return null;
  return Number(text.trim());
}

/** The DQM page of `pathname` (with its query), or null when the path is not a DQM page. */
export function parseDqmRoute(pathname: string, query: string): DqmRoute | null {
  const params = new URLSearchParams(query);
  if (pathname === '/dqm') {
    return {
      name: 'dqm-runs',
      filter: {
        camera: params.get('camera')?.trim() || null,
        from: runNumber(params.get('from')),
        to: runNumber(params.get('to')),
        onlyBad: params.get('bad') === '1',
        badAbove: runNumber(params.get('above')) ?? 0,
      },
    };
  }
  if (pathname === '/dqm/square') {
    return { name: 'dqm-square', cluster: params.get('cluster') === 'PLAYBACK' ? 'PLAYBACK' : 'PRODUCTION' };
  }
  if (pathname === '/dqm/control') return { name: 'dqm-control' };
  const run = /^\/dqm\/run\/([^/]+)\/(\d{1,9})$/.exec(pathname);
  if (run) {
    let camera = run[1]!;
    try {
      camera = decodeURIComponent(camera);
    } catch {
      // a stray `%`: take the camera as written
    }
    return { name: 'dqm-run', camera, runNumber: Number(run[2]) };
  }
  return null;
}

/** The hash path of the runs page with its filter (only what differs from no filter is written). */
export function dqmRunsPath(filter: DqmRunsFilter): string {
  const params = new URLSearchParams();
  if (filter.camera) params.set('camera', filter.camera);
  if (filter.from !== null) params.set('from', String(filter.from));
  if (filter.to !== null) params.set('to', String(filter.to));
  if (filter.onlyBad) params.set('bad', '1');
  if (filter.badAbove > 0) params.set('above', String(filter.badAbove));
  const query = params.toString();
  return query ? `/dqm?${query}` : '/dqm';
}

/** The href of a NectarCAM run's page. */
export function dqmRunHref(camera: string, runNumber: number): string {
  return `#/dqm/run/${encodeURIComponent(camera)}/${runNumber}`;
}

export function dqmSquarePath(cluster: DqmCluster): string {
  return cluster === 'PRODUCTION' ? '/dqm/square' : `/dqm/square?cluster=${cluster}`;
}

/** Whether run `n` passes the filter's run range. */
export function inRunRange(filter: DqmRunsFilter, n: number): boolean {
  return (filter.from === null || n >= filter.from) && (filter.to === null || n <= filter.to);
}
