import type { Principal } from '@opshub/auth';
import type { AdminAuditRepository } from './admin-audit.repository.js';

/** Who asked: the signed-in caller and the request's id (both as the gateway vouched for them). */
export interface AdminCaller {
  user?: Principal;
  requestId?: string;
}

/** The audited admin actions of the alerts domain: its alert and broker sources. */
export type AlertsAdminAction =
  | 'alerts.alert-source-add'
  | 'alerts.alert-source-remove'
  | 'alerts.broker-source-add'
  | 'alerts.broker-source-remove';

/**
 * Records the alerts domain's admin actions in the hub's audit log (`auditLog(kind: "alerts.…")`),
 * after the action took effect: who, what, on which source, and its outcome in `detail`.
 */
export class AdminAuditService {
  constructor(private readonly repo: AdminAuditRepository) {}

  record(
    caller: AdminCaller,
    kind: AlertsAdminAction,
    target: string,
    detail: Record<string, string | boolean>,
  ): Promise<void> {
    return this.repo.insert({
      actorId: caller.user?.id ?? null,
      kind,
      target,
      detail,
      requestId: caller.requestId ?? null,
    });
  }
}
