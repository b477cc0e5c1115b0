import { parseRoute, type Route } from './routes';

function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path === '' ? '/' : path;
}

/**
 * A hash router: `#/login`, `#/`, `#/workflow`, `#/ous/<id>`. The hash keeps every route on the one
 * `index.html` the gateway serves at `/`, so no server-side fallback is needed.
 */
class Router {
  path = $state(currentPath());
  readonly route: Route = $derived(parseRoute(this.path));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.path = currentPath();
    });
  }

  go(path: string): void {
    if (currentPath() !== path) window.location.hash = path;
  }

  /** Like `go`, without a history entry (redirects, filters). */
  replace(path: string): void {
    if (currentPath() === path) return;
    window.history.replaceState(window.history.state, '', `#${path}`);
    this.path = path;
  }
}

export const router = new Router();
