/** Routes that exist; anything else shows "not found". */
export type Route = '/' | '/login';

function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path === '' ? '/' : path;
}

/**
 * A hash router: `#/login`, `#/`. The hash keeps every route on the one `index.html` the gateway
 * serves at `/`, so no server-side fallback is needed.
 */
class Router {
  path = $state(currentPath());

  constructor() {
    window.addEventListener('hashchange', () => {
      this.path = currentPath();
    });
  }

  go(path: Route): void {
    if (currentPath() !== path) window.location.hash = path;
  }

  /** Like `go`, without a history entry (redirects). */
  replace(path: Route): void {
    if (currentPath() === path) return;
    window.history.replaceState(window.history.state, '', `#${path}`);
    this.path = path;
  }
}

export const router = new Router();
