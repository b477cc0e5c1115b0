import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed, parseAllowedOrigins } from './origin.js';

const request = (host: string): IncomingMessage => ({ headers: { host } }) as IncomingMessage;

describe('WebSocket Origin allowlist', () => {
  it('allows scripts (no Origin), the gateway’s own origin and, by default, localhost pages', () => {
    expect(originAllowed(undefined, request('hub.example.org'), undefined)).toBe(true);
    expect(originAllowed('https://hub.example.org', request('hub.example.org'), undefined)).toBe(true);
    expect(originAllowed('http://localhost:5173', request('localhost:4000'), undefined)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5173', request('hub.example.org'), undefined)).toBe(true);
    expect(originAllowed('https://evil.example', request('hub.example.org'), undefined)).toBe(false);
    expect(originAllowed('null', request('hub.example.org'), undefined)).toBe(false);
    expect(originAllowed('https://hub.example.org.evil.example', request('hub.example.org'), undefined)).toBe(
      false,
    );
  });

  it('replaces the localhost default with GATEWAY_ALLOWED_ORIGINS when set', () => {
    const allowed = parseAllowedOrigins('https://control.example.org, https://hub.example.org:8443');
    expect(allowed).toEqual(['https://control.example.org', 'https://hub.example.org:8443']);
    expect(originAllowed('https://control.example.org', request('gw:4000'), allowed)).toBe(true);
    expect(originAllowed('http://localhost:5173', request('gw:4000'), allowed)).toBe(false);
    expect(originAllowed('https://gw:4000', request('gw:4000'), allowed)).toBe(true);
  });

  it('refuses a setting that is not a list of origins', () => {
    expect(parseAllowedOrigins(undefined)).toBeUndefined();
    expect(parseAllowedOrigins(' ')).toBeUndefined();
    expect(() => parseAllowedOrigins('https://hub.example.org/app')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins('hub.example.org')).toThrow(/not an origin/);
  });
});
