export { buildOpsSchema } from './schema.js';
export { createOpsServices } from './services.js';
export type { OpsServices, OpsServicesOptions } from './services.js';
export type { FailedJobReport } from './failed-job/failed-job.service.js';
export { authenticateRoute } from './internal/authenticate.route.js';
export { Role } from './user/user.type.js';
export { buildOfflineSchema, printSdl } from './sdl.js';
export { FAILED_LOGIN_KINDS, OpsRetentionRepository } from './retention/retention.repository.js';
