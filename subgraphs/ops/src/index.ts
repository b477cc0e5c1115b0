export { buildOpsSchema } from './schema.js';
export { createOpsServices } from './services.js';
export type { OpsServices } from './services.js';
export { authenticateRoute } from './internal/authenticate.route.js';
export { Role } from './user/user.type.js';
export { printSdl } from './sdl.js';
