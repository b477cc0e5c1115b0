import { describe, expect, it } from 'vitest';
import { ControlRoomAction } from '../gql/graphql';
import {
  actionLabel,
  changesMachine,
  CONTROL_ACTIONS,
  controlArgs,
  needsArgs,
  parseClients,
} from './dqm-control';

const form = { client: '', enabled: true, run: '', runKey: 'cosmic_run', lumisections: '' };

describe('control room form', () => {
  it('offers every action of the API', () => {
    expect(CONTROL_ACTIONS).toHaveLength(10);
    expect(CONTROL_ACTIONS).toContain(ControlRoomAction.StartPlaybackRun);
    expect(actionLabel('RESTART_HLTD')).toBe('restart hltd');
    expect(changesMachine(ControlRoomAction.RestartFff)).toBe(true);
    expect(changesMachine(ControlRoomAction.GetHltdLogs)).toBe(false);
    expect(needsArgs(ControlRoomAction.ChangeDqmClient)).toBe('client');
    expect(needsArgs(ControlRoomAction.GetClusterStatus)).toBeNull();
  });

  it('types the arguments of each action and names the field that is wrong', () => {
    expect(controlArgs(ControlRoomAction.RestartHltd, { ...form, run: 'junk' })).toEqual({
      ok: true,
      args: {},
    });
    expect(controlArgs(ControlRoomAction.ChangeDqmClient, form)).toMatchObject({
      ok: false,
      field: 'client',
    });
    expect(
      controlArgs(ControlRoomAction.ChangeDqmClient, {
        ...form,
        client: 'beam_dqm_sourceclient-live',
        enabled: false,
      }),
    ).toEqual({
      ok: true,
      args: { client: 'beam_dqm_sourceclient-live', enabled: false },
    });
    expect(controlArgs(ControlRoomAction.StartPlaybackRun, { ...form, run: '12a' })).toMatchObject({
      ok: false,
      field: 'run',
    });
    expect(controlArgs(ControlRoomAction.StartPlaybackRun, { ...form, run: '0' })).toMatchObject({
      ok: false,
      field: 'run',
    });
    expect(
      controlArgs(ControlRoomAction.StartPlaybackRun, { ...form, run: '5', runKey: 'rm -rf' }),
    ).toMatchObject({ ok: false, field: 'runKey' });
    expect(
      controlArgs(ControlRoomAction.StartPlaybackRun, { ...form, run: '5', lumisections: '1.5' }),
    ).toMatchObject({ ok: false, field: 'lumisections' });
    expect(
      controlArgs(ControlRoomAction.StartPlaybackRun, {
        ...form,
        run: '386400',
        runKey: 'pp_run',
        lumisections: '12',
      }),
    ).toEqual({
      ok: true,
      args: { run: 386400, runKey: 'pp_run', lumisections: 12 },
    });
  });

  it('reads the agent client list, paths shortened or not', () => {
    expect(
      parseClients(
        '[["beam_dqm_sourceclient-live_cfg.py", true], ["…/ecal_dqm_sourceclient-live_cfg.py", false]]',
      ),
    ).toEqual([
      { name: 'beam_dqm_sourceclient-live', enabled: true },
      { name: 'ecal_dqm_sourceclient-live', enabled: false },
    ]);
    expect(parseClients('host argument not defined')).toEqual([]);
    expect(parseClients('{"a":1}')).toEqual([]);
  });
});
