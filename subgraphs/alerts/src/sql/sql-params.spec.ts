import { describe, expect, it } from 'vitest';
import { psycopgStatement } from './sql-params.js';

describe('psycopgStatement', () => {
  it('numbers each name once, expands a list as a tuple and turns %% into %', () => {
    expect(
      psycopgStatement("SELECT * FROM t WHERE id IN %(ids)s AND a > %(a)s AND b < %(a)s AND n LIKE 'SN%%'", {
        ids: [3, 4],
        a: 1.5,
      }),
    ).toEqual({
      query: "SELECT * FROM t WHERE id IN ($1, $2) AND a > $3 AND b < $3 AND n LIKE 'SN%'",
      params: [3, 4, 1.5],
    });
  });

  it('leaves placeholders in quoted text and comments alone', () => {
    expect(psycopgStatement(`SELECT '%(x)s', "%(y)s" -- %(z)s\n, %(w)s`, { w: null })).toEqual({
      query: `SELECT '%(x)s', "%(y)s" -- %(z)s\n, $1`,
      params: [null],
    });
  });

  it('refuses a missing value, an empty list and an object by name', () => {
    expect(() => psycopgStatement('SELECT %(x)s', {})).toThrow(
      'No value for the placeholder %(x)s in subdict',
    );
    expect(() => psycopgStatement('SELECT 1 WHERE a IN %(x)s', { x: [] })).toThrow(/empty list/);
    expect(() => psycopgStatement('SELECT %(x)s', { x: { a: 1 } })).toThrow(/is an object/);
    expect(() => psycopgStatement('SELECT %(x', { x: 1 })).toThrow(/not of the form/);
  });
});
