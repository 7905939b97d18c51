/**
 * Exactly-once helpers. The nonce lets Discord deduplicate a resend of the same post (with
 * enforce_nonce); the marker is visible text in the embed footer so a post can be recognised
 * when the channel's recent messages are read back (Discord does not return nonces on read).
 */
import { createHash } from 'node:crypto';

const MARKER_PREFIX = 'dsp featured · ';
const MAX_NONCE_LENGTH = 25;

/** Deterministic, at most 25 characters (Discord's nonce limit). */
export function postNonce(guildId: string, periodKey: string): string {
  const digest = createHash('sha256').update(`${guildId}\u0000${periodKey}`).digest();
  // 15 bytes = 120 bits → at most 24 base36 digits.
  const value = BigInt(`0x${digest.subarray(0, 15).toString('hex')}`);
  return value.toString(36).slice(0, MAX_NONCE_LENGTH);
}

export function postMarker(periodKey: string): string {
  return `${MARKER_PREFIX}${periodKey}`;
}

/** The period key of a marker found anywhere in `text`, or undefined. */
export function parseMarker(text: string): string | undefined {
  const match = /dsp featured · (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)/.exec(text);
  return match?.[1];
}
