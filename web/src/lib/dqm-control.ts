import { ControlRoomAction } from '../gql/graphql';

/** The actions the hub offers (the API's enum, in its order). */
export const CONTROL_ACTIONS: readonly ControlRoomAction[] = Object.values(ControlRoomAction);

/** The run keys an agent starts playback runs with (the hub checks them again). */
export const RUN_KEYS = ['cosmic_run', 'pp_run', 'hi_run'] as const;

/** Actions that change something on the machine: confirmed with a stronger warning. */
const CHANGING: ReadonlySet<ControlRoomAction> = new Set([
  ControlRoomAction.ChangeDqmClient,
  ControlRoomAction.RestartHltd,
  ControlRoomAction.RestartFff,
  ControlRoomAction.StartPlaybackRun,
]);

export function changesMachine(action: ControlRoomAction): boolean {
  return CHANGING.has(action);
}

/** `RESTART_HLTD` → `restart hltd`. */
export function actionLabel(action: string): string {
  return action.toLowerCase().replaceAll('_', ' ');
}

/** What the form holds for every action's arguments (only the action's own are sent). */
export interface ArgsForm {
  client: string;
  enabled: boolean;
  run: string;
  runKey: string;
  lumisections: string;
}

export type ArgsResult =
  | { ok: true; args: Record<string, string | number | boolean> }
  | { ok: false; field: string; message: string };

/**
 * The action's typed arguments from the form, or the first field that cannot be sent (so the form can
 * say which); the hub validates them again — this only spares a round trip for a typo.
 */
export function controlArgs(action: ControlRoomAction, form: ArgsForm): ArgsResult {
  if (action === ControlRoomAction.ChangeDqmClient) {
    if (!form.client) return { ok: false, field: 'client', message: 'Pick a DQM client' };
    return { ok: true, args: { client: form.client, enabled: form.enabled } };
  }
  if (action === ControlRoomAction.StartPlaybackRun) {
    if (!/^\d{1,10}$/.test(form.run.trim()) || Number(form.run) < 1)
      return { ok: false, field: 'run', message: 'The run number is a positive integer' };
    if (!(RUN_KEYS as readonly string[]).includes(form.runKey))
      return { ok: false, field: 'runKey', message: `The run key is one of ${RUN_KEYS.join(', ')}` };
    const ls = form.lumisections.trim() === '' ? 0 : Number(form.lumisections);
    if (!Number.isInteger(ls) || ls < 0)
      return {
        ok: false,
        field: 'lumisections',
        message: 'Lumisections is a whole number (0: until stopped)',
      };
    return { ok: true, args: { run: Number(form.run), runKey: form.runKey, lumisections: ls } };
  }
  return { ok: true, args: {} };
}

export function needsArgs(action: ControlRoomAction): 'client' | 'playback' | null {
  if (action === ControlRoomAction.ChangeDqmClient) return 'client';
  if (action === ControlRoomAction.StartPlaybackRun) return 'playback';
  return null;
}

/** The clients in a GET_DQM_CLIENTS answer (`[["beam_dqm_sourceclient-live_cfg.py", true], …]`, paths shortened). */
export function parseClients(output: string): { name: string; enabled: boolean }[] {
  try {
    const list = JSON.parse(output) as unknown;
    if (!Array.isArray(list)) return [];
    return list.flatMap((e) =>
      Array.isArray(e) && typeof e[0] === 'string'
        ? [{ name: e[0].replace(/^.*\//, '').replace(/_cfg\.py$/, ''), enabled: e[1] === true || e[1] === 1 }]
        : [],
    );
  } catch {
    return [];
  }
}
