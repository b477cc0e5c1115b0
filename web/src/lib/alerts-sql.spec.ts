import { describe, expect, it } from 'vitest';
import { cellText, runFileName, sqlRefusal } from './alerts-sql';

describe('the SQL console rules', () => {
  it('is open to ADMIN and to the SQL role, and says why to anyone else', () => {
    expect(sqlRefusal(['ADMIN'])).toBeNull();
    expect(sqlRefusal(['VIEWER', 'SQL'])).toBeNull();
    expect(sqlRefusal(['OPERATOR', 'BROKER'])).toMatch(/SQL role/);
  });

  it('shows cells as text: NULL, exact bigint strings as given, JSON for objects', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText('9223372036854775807')).toBe('9223372036854775807');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(runFileName('7', 'csv')).toBe('sqlrun-7.csv');
  });
});
