import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.js';

describe('CSV fields', () => {
  it('quotes fields holding commas, quotes and line breaks, and leaves plain ones bare', () => {
    expect(csvField('queue.pause')).toBe('queue.pause');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Split on ';' (a decimal-comma locale), a bare field would open with a formula cell.
    expect(csvField('user:x;=cmd()')).toBe('"user:x;=cmd()"');
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('\tcmd')).toBe("'\tcmd");
  });

  it('leaves text that merely contains formula characters alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('ELAsTiCC2-test')).toBe('ELAsTiCC2-test');
  });

  it('ends each record with CRLF', () => {
    expect(csvLine(['id', 'at', 'actor'])).toBe('id,at,actor\r\n');
    expect(csvLine(['1', null, 'x'])).toBe('1,,x\r\n');
  });
});
