import type { Principal } from '@opshub/auth';

/** Who issues a command: a signed-in user, or the hub itself (an interlock) named for the audit. */
export type CommandActor = Principal | { system: string };
