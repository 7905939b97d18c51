import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from '../../src/featured/errors.js';
import { parseMarker, postMarker, postNonce } from '../../src/featured/marker.js';

describe('postNonce', () => {
  it('is deterministic, at most 25 characters, and differs per guild and period', () => {
    const nonce = postNonce('123456789012345678', '2026-11-30T14:00:00.000Z');
    expect(nonce).toBe(postNonce('123456789012345678', '2026-11-30T14:00:00.000Z'));
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(nonce).toMatch(/^[0-9a-z]+$/);
    expect(postNonce('123456789012345679', '2026-11-30T14:00:00.000Z')).not.toBe(nonce);
    expect(postNonce('123456789012345678', '2026-12-07T14:00:00.000Z')).not.toBe(nonce);
  });
});

describe('postMarker / parseMarker', () => {
  it('round-trips the period key, also inside a longer footer', () => {
    const marker = postMarker('2026-11-30T14:00:00.000Z');
    expect(marker).toBe('dsp featured · 2026-11-30T14:00:00.000Z');
    expect(parseMarker(marker)).toBe('2026-11-30T14:00:00.000Z');
    expect(parseMarker(`Distributed systems list • ${marker}`)).toBe('2026-11-30T14:00:00.000Z');
  });

  it('finds nothing in unrelated text', () => {
    expect(parseMarker('dsp featured · soon')).toBeUndefined();
    expect(parseMarker('')).toBeUndefined();
  });
});

describe('classifyDeliveryError', () => {
  const apiError = (status: number, code: number) => Object.assign(new Error('api'), { status, code });

  it('pauses on access and permission problems and on a deleted channel', () => {
    expect(classifyDeliveryError(apiError(403, 50001))).toEqual({
      kind: 'permanent',
      reason: 'missing-access',
    });
    expect(classifyDeliveryError(apiError(403, 50013))).toEqual({
      kind: 'permanent',
      reason: 'missing-permissions',
    });
    expect(classifyDeliveryError(apiError(404, 10003))).toEqual({
      kind: 'permanent',
      reason: 'unknown-channel',
    });
    expect(classifyDeliveryError({ status: 403 })).toEqual({ kind: 'permanent', reason: 'missing-access' });
    expect(classifyDeliveryError({ status: 404 })).toEqual({ kind: 'permanent', reason: 'unknown-channel' });
  });

  it('retries server and network errors, leaves 429 to the rate limiter', () => {
    expect(classifyDeliveryError({ status: 500 })).toEqual({ kind: 'transient' });
    expect(classifyDeliveryError({ status: 503 })).toEqual({ kind: 'transient' });
    expect(classifyDeliveryError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toEqual(
      {
        kind: 'transient',
      },
    );
    expect(classifyDeliveryError(new Error('timeout'))).toEqual({ kind: 'transient' });
    expect(classifyDeliveryError(apiError(429, 0))).toEqual({ kind: 'rate-limited' });
  });

  it('treats other client errors as permanent rejections', () => {
    expect(classifyDeliveryError(apiError(400, 50035))).toEqual({ kind: 'permanent', reason: 'rejected' });
    expect(classifyDeliveryError({ status: 413 })).toEqual({ kind: 'permanent', reason: 'rejected' });
  });
});
