/** The SQL console's rules and helpers: who may use it, how values are shown, how files are fetched. */

/** Why `roles` may not use the SQL console, or null when they may (ADMIN, or the SQL capability). */
export function sqlRefusal(roles: readonly string[]): string | null {
  if (roles.includes('ADMIN') || roles.includes('SQL')) return null;
  return 'The SQL console is open to users holding the SQL role (or ADMIN). Ask an admin to grant it.';
}

/** A result cell as text: null as an empty cell marker, objects and arrays as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The file name a run's download is saved under. */
export function runFileName(runId: string, format: 'csv' | 'json'): string {
  return `sqlrun-${runId}.${format}`;
}

/**
 * Fetches a run's file with the session's bearer token (a plain link would carry no token) and hands
 * it to the browser as a download. Throws with the hub's reason when it refuses.
 */
export async function downloadRunFile(url: string, token: string | null, fileName: string): Promise<void> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    let reason = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: string; message?: string; code?: string };
      reason = body.message ?? body.error ?? reason;
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(`The hub refused the download: ${reason}`);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled (the download has started from the blob by then).
  setTimeout(() => URL.revokeObjectURL(href), 0);
}
