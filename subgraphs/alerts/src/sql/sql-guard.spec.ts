import { describe, expect, it } from 'vitest';
import { checkQuery } from './sql-guard.js';

const codeOf = (query: string): unknown => {
  try {
    checkQuery(query);
    return 'accepted';
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions['code'];
  }
};

describe('checkQuery', () => {
  it.each([
    'SELECT 1',
    '  -- a comment\n select * from dia_object',
    '(SELECT 1) UNION (SELECT 2)',
    'WITH x AS (SELECT 1) SELECT * FROM x',
    'VALUES (1), (2)',
    'TABLE dia_object',
    `SELECT 'set_config(''role'', ''none'', true)' AS text_only`,
    `SELECT $$ query_to_xml( $$ AS dollar_text`,
    'SELECT lo_mag, set_config_like FROM t',
    `SELECT e'it''s' || E'\\\\'`,
  ])('accepts %s', (query) => {
    expect(codeOf(query)).toBe('accepted');
  });

  it.each([
    ['', 'BAD_USER_INPUT'],
    ['EXPLAIN SELECT 1', 'BAD_USER_INPUT'],
    ['SHOW search_path', 'BAD_USER_INPUT'],
    ['insert into t values (1)', 'FORBIDDEN'],
    ['/* x */ DELETE FROM t', 'FORBIDDEN'],
    ['DO $$ BEGIN END $$', 'FORBIDDEN'],
    ['set role postgres', 'FORBIDDEN'],
    ['reset role', 'FORBIDDEN'],
    ['begin', 'FORBIDDEN'],
    [`select "set_config"('role', 'none', true)`, 'FORBIDDEN'],
    [`select pg_catalog . set_config -- x\n ('role', 'none', true)`, 'FORBIDDEN'],
    [`select E'\\' ' set_config('role','none',true) '`, 'FORBIDDEN'],
    [`select ts_rewrite('a'::tsquery, 'select 1')`, 'FORBIDDEN'],
    [`select cursor_to_xml('c', 1, true, false, '')`, 'FORBIDDEN'],
    [`select U&'\\0041'`, 'BAD_USER_INPUT'],
    ['select pg_advisory_lock(727274)', 'FORBIDDEN'],
    ['select pg_try_advisory_lock_shared(1)', 'FORBIDDEN'],
  ])('refuses %j with %s', (query, code) => {
    expect(codeOf(query)).toBe(code);
  });
});
