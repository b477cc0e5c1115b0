/** How live DCS events update the page's devices (pure: the page and its spec share them). */

export interface LiveReading {
  deviceId: string;
  metric: string;
  value: number;
  at: string;
}

interface DeviceLike {
  id: string;
  lastSeenAt?: string | null;
  latest: readonly { metric: string; value: number; at: string }[];
}

/** The devices with one batch of readings applied; a value older than the one shown is kept. */
export function withReadings<D extends DeviceLike>(
  devices: readonly D[],
  batch: readonly LiveReading[],
): D[] {
  const byDevice = new Map<string, LiveReading[]>();
  for (const r of batch) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
  return devices.map((d) => {
    const mine = byDevice.get(d.id);
    if (!mine) return d;
    let latest = d.latest;
    let lastSeenAt = d.lastSeenAt ?? null;
    for (const r of mine) {
      const was = latest.find((x) => x.metric === r.metric);
      if (was && Date.parse(was.at) > Date.parse(r.at)) continue;
      latest = [
        ...latest.filter((x) => x.metric !== r.metric),
        { metric: r.metric, value: r.value, at: r.at },
      ];
      if (!lastSeenAt || Date.parse(r.at) > Date.parse(lastSeenAt)) lastSeenAt = r.at;
    }
    return { ...d, latest, lastSeenAt };
  });
}

/** The devices with one `deviceStateChanged` event merged into its device. */
export function withState<D extends { id: string }>(
  devices: readonly D[],
  event: Partial<D> & { id: string },
): D[] {
  return devices.map((d) => (d.id === event.id ? { ...d, ...event } : d));
}
