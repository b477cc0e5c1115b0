/** Units and digits of the DCS metrics, for dense value cells. */
const UNITS: Record<string, [unit: string, digits: number]> = {
  temperature: ['°C', 2],
  externalTemperature: ['°C', 2],
  setpoint: ['°C', 2],
  activeSetpoint: ['', 0],
  power: ['%', 0],
  statusCode: ['', 0],
  vMon: ['V', 2],
  iMon: ['A', 3],
  v0Set: ['V', 1],
  i0Set: ['A', 3],
  status: ['', 0],
  'BME/temp': ['°C', 1],
  'BME/humi': ['%', 1],
  'BME/dew': ['°C', 1],
  'SCD30/co2': ['ppm', 0],
  'SCD30/temp': ['°C', 1],
  'SCD30/humi': ['%', 1],
  'DS/temp': ['°C', 1],
};

export function formatReading(metric: string, value: number): string {
  const [unit, digits] = UNITS[metric] ?? ['', 2];
  const text = value.toFixed(digits);
  return unit ? `${text} ${unit}` : text;
}

/** Which values a device row shows, in order: the ones an operator watches. */
export const PANEL_METRICS: Record<string, readonly string[]> = {
  CHILLER: ['temperature', 'setpoint', 'externalTemperature', 'power'],
  POWER_SUPPLY_CHANNEL: ['vMon', 'iMon', 'v0Set', 'temperature'],
  SENSOR: ['BME/temp', 'BME/humi', 'BME/dew', 'SCD30/co2'],
};

/** Badge tone of a device FSM state. */
export function deviceTone(state: string): 'good' | 'bad' | 'warn' | 'info' | 'neutral' {
  if (state === 'ERROR' || state === 'DISCONNECTED') return 'bad';
  if (state === 'ON' || state === 'HV_ON') return 'good';
  if (state === 'HV_RAMP' || state.endsWith('_MIX')) return 'warn';
  if (state === 'LV_ON' || state === 'CONNECTED') return 'info';
  return 'neutral';
}
