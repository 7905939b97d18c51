/** `/dsp-admin updates preview` shows the digest in the card style it will be posted in, pinging nobody. */
import { describe, expect, it } from 'vitest';
import { updatesPreview } from '../../commands/admin/updates-preview.js';
import { layoutProblems } from '../../commands/lib/layout-limits.js';
import { buildDigest } from '../../commands/lib/updates-digest.js';
import type { CardStyle } from '../../src/contracts/payload.js';
import type { ListChange, UpdatesServices } from '../../src/contracts/updates.js';
import { listedEntry } from '../../src/updates/changes.js';
import { digestMarker } from '../../src/updates/marker.js';
import { entry } from '../support/entry.js';
import { GUILD_CONTEXT, catalogOf, commandInput, craftedDocument, servicesFor } from './helpers.js';

const ROLE = '777000000000000001';
const change: ListChange = { added: [listedEntry(entry('garnet', { name: 'Garnet' }))], removed: [] };

function updatesFor(style: CardStyle): UpdatesServices {
  const now = new Date('2026-12-02T10:00:00Z');
  const settings = {
    guildId: GUILD_CONTEXT.guildId,
    channelId: '300',
    roleId: ROLE,
    thread: false,
    enabled: true,
    updatedAt: now,
  };
  return {
    settings: () => Promise.resolve(settings),
    save: () => Promise.resolve(),
    disable: () => Promise.resolve(),
    history: () => Promise.resolve([]),
    preview: () =>
      Promise.resolve({
        change,
        dueAt: now,
        messages: buildDigest(
          change,
          { date: now, roleId: ROLE, marker: (part, parts) => digestMarker('preview', part, parts) },
          style,
        ),
      }),
    channelAccess: () => ({ exists: true, textBased: true, missing: [] }),
    minIntervalMs: 3_600_000,
  };
}

describe.each<CardStyle>(['embed', 'components'])('updates preview as %s', (style) => {
  it('shows the digest only to the manager, in the style it is posted in, and pings nobody', async () => {
    const services = { ...servicesFor(catalogOf(craftedDocument())), updates: updatesFor(style) };
    const answer = await updatesPreview.execute(commandInput({}), services);
    expect(answer.ephemeral).toBe(true);
    expect(answer.allowedMentions).toEqual({ parse: [] });
    const text = JSON.stringify(answer);
    expect(text).toContain('Preview');
    expect(text).toContain('Garnet');
    if (style === 'components') {
      expect(answer.embeds).toBeUndefined();
      expect(layoutProblems(answer.layout ?? [])).toEqual([]);
    } else {
      expect(answer.layout).toBeUndefined();
      expect(answer.embeds).toHaveLength(1);
    }
  });
});
