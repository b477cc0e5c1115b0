import { describe, expect, it } from 'vitest';
import { filterWithin, topicMatches } from './topic-filter.js';

describe('topicMatches', () => {
  it.each([
    ['dcs/cmd/#', 'dcs/cmd/switch/hv', true],
    ['dcs/cmd/#', 'dcs/cmd', true],
    ['dcs/cmd/#', 'dcs/status', false],
    ['+/sensors/#', 'ESP01/sensors/BME/dew', true],
    ['+/sensors/#', 'sensors/x', false],
    ['ESP01/sensors/#', 'ESP02/sensors/BME/dew', false],
    ['dcs/status', 'dcs/status/x', false],
    ['#', '$SYS/broker/uptime', false],
    ['$SYS/broker/uptime', '$SYS/broker/uptime', true],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('filterWithin', () => {
  it.each([
    ['dcs/cmd/#', 'dcs/cmd/#', true],
    ['dcs/cmd/switch/+', 'dcs/cmd/#', true],
    ['dcs/cmd', 'dcs/cmd/#', true],
    ['#', 'dcs/cmd/#', false],
    ['dcs/#', 'dcs/cmd/#', false],
    ['+/cmd/#', 'dcs/cmd/#', false],
    ['+/sensors/#', '+/sensors/#', true],
    ['ESP01/sensors/BME/+', '+/sensors/#', true],
    ['+/+/#', '+/sensors/#', false],
    ['$SYS/#', '#', false],
  ])('%s within %s: %s', (sub, grant, expected) => {
    expect(filterWithin(sub, grant)).toBe(expected);
  });
});
