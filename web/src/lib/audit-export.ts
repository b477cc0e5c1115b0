import { auditQuery, type AuditFilter } from './audit-routes';
import { NETWORK_ERROR, type ShownError } from './errors';

/** The gateway's CSV export of the audit log (gateway/src/audit-export.ts). */
export const AUDIT_EXPORT_PATH = '/audit/export.csv';

/** The export's URL for a filter, on this origin. */
export function auditExportUrl(filter: AuditFilter): string {
  return `${AUDIT_EXPORT_PATH}${auditQuery(filter)}`;
}

/** The error a refused export sent (`{errors: [{message, extensions: {code}}]}`), or a generic one. */
export async function exportRefusal(reply: Response): Promise<ShownError> {
  try {
    const body = (await reply.json()) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    if (first?.message)
      return { code: first.extensions?.code ?? `HTTP_${reply.status}`, message: first.message };
  } catch {
    // not JSON: fall through
  }
  return { code: `HTTP_${reply.status}`, message: `The export was refused (${reply.status})` };
}

/**
 * Downloads the filtered log as CSV with the session's token (a link cannot carry the Authorization
 * header): the reply streams into a file the browser saves under the name the hub gave it.
 */
export async function downloadAuditCsv(
  filter: AuditFilter,
  token: string | null,
): Promise<ShownError | null> {
  let reply: Response;
  try {
    reply = await fetch(auditExportUrl(filter), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch (error) {
    return { code: NETWORK_ERROR, message: `The hub could not be reached: ${String(error)}` };
  }
  if (!reply.ok) return exportRefusal(reply);
  const disposition = reply.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'opshub-audit.csv';
  const url = URL.createObjectURL(await reply.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the file to the browser's download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return null;
}
