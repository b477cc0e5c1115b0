import { describe, expect, it } from 'vitest';
import { toCrlf } from './export-csv.query.js';

describe('toCrlf', () => {
  it('ends each record with CRLF and takes the cursor from the last record', () => {
    const page = toCrlf(Buffer.from('1,60800.5,g\n2,60801,r\n18446744073709551615,1e-07,Y\n'));
    expect(page.text.toString()).toBe('1,60800.5,g\r\n2,60801,r\r\n18446744073709551615,1e-07,Y\r\n');
    expect(page.rows).toBe(3);
    expect(page.last).toBe('18446744073709551615');
  });

  it('keeps a line feed inside a quoted field as data, also in the last record', () => {
    const csv = '7,"a, ""b""\nc",1\n9,"x\ny",2\n';
    const page = toCrlf(Buffer.from(csv));
    expect(page.text.toString()).toBe('7,"a, ""b""\nc",1\r\n9,"x\ny",2\r\n');
    expect(page.rows).toBe(2);
    expect(page.last).toBe('9');
  });

  it('is empty for an empty page', () => {
    expect(toCrlf(Buffer.alloc(0))).toEqual({ text: Buffer.alloc(0), rows: 0, last: null });
  });
});
