import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { PermissionsInput } from './types.js';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

/** What an app may do in a DM, as Discord reports it in app_permissions there. */
export const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

export function toPermissionBits(input: PermissionsInput | undefined, fallback: bigint): bigint {
  if (input === undefined) return fallback;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') return BigInt(input);
  return input.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}

export interface Overwrite {
  id: string;
  /** 0 role, 1 member (Discord's encoding). */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

export interface PermissionGuild {
  id: string;
  ownerId: string;
  rolePermissions: ReadonlyMap<string, bigint>;
}

/** Discord's algorithm: base from roles, administrator/owner short-circuit, then @everyone, role, member overwrites. */
export function computeChannelPermissions(
  guild: PermissionGuild,
  subject: PermissionSubject,
  overwrites: readonly Overwrite[],
): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  let base = guild.rolePermissions.get(guild.id) ?? 0n;
  for (const roleId of subject.roleIds) base |= guild.rolePermissions.get(roleId) ?? 0n;
  if (base & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;

  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) base = (base & ~everyone.deny) | everyone.allow;
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && subject.roleIds.includes(o.id)) {
      roleAllow |= o.allow;
      roleDeny |= o.deny;
    }
  }
  base = (base & ~roleDeny) | roleAllow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (member) base = (base & ~member.deny) | member.allow;
  return base;
}
