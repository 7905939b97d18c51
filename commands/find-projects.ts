/**
 * "Find projects", a message context-menu command: the projects of the list a message names or
 * links (names, `owner/repo`, repository URLs, a typo away), shown to the invoker with a button
 * that posts them to the channel for everyone. Installable on servers and by users.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Entry } from '../src/list/types.js';
import type { Catalog } from '../src/contracts/catalog.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import type { CommandServices } from '../src/contracts/services.js';
import { MentionFinder } from '../src/search/mentions.js';
import type { ComponentInput, ComponentReply, MessageCommandInput, MessageCommandModule } from './types.js';
import { decodeCustomId, encodeCustomId } from './lib/custom-id.js';
import { escapeInline } from './lib/escape.js';
import { truncate } from '../src/text/truncate.js';
import { LIMITS, fitEmbed } from './lib/limits.js';
import { COLOURS, entryMeta, expiredNotice, nameList, notice, payload } from './lib/render.js';
import { safeUrl } from './lib/escape.js';

export const FIND_PROJECTS = 'Find projects';
export const FIND_PREFIX = 'find';
/** Cards in one answer. */
export const MAX_FOUND = 5;
const KEYS = ['a', 'b', 'c', 'd', 'e'] as const;
const DESCRIPTION_CHARS = 200;
export const NOTHING_FOUND = 'No projects from the list in that message.';
export const POST_LABEL = 'Post to channel';

const finders = new WeakMap<Catalog['doc'], MentionFinder>();

function finderFor(catalog: Catalog): MentionFinder {
  let finder = finders.get(catalog.doc);
  if (!finder) {
    finder = new MentionFinder(catalog.doc.entries);
    finders.set(catalog.doc, finder);
  }
  return finder;
}

/** A compact card: name (linked), meta line, one short description. */
export function compactCard(entry: Entry): APIEmbed {
  const url = safeUrl(entry.url);
  const description = [entryMeta(entry), escapeInline(truncate(entry.description, DESCRIPTION_CHARS))]
    .filter((part) => part !== '')
    .join('\n');
  return fitEmbed({
    title: truncate(`${entry.name}${entry.archived ? ' (archived)' : ''}`, LIMITS.embedTitle),
    ...(url ? { url } : {}),
    ...(description === '' ? {} : { description }),
    color: entry.archived ? COLOURS.archived : COLOURS.brand,
  });
}

function cards(entries: readonly Entry[], ephemeral: boolean, extra: Partial<MessagePayload> = {}) {
  return payload({ embeds: entries.map(compactCard), ...extra }, ephemeral);
}

function execute(input: MessageCommandInput, services: CommandServices): MessagePayload {
  const catalog = services.catalog();
  const { entries, didYouMean } = finderFor(catalog).find(input.text, MAX_FOUND);
  if (entries.length === 0) {
    const hint =
      didYouMean.length > 0 ? ` Did you mean: ${nameList(didYouMean.map((entry) => entry.name))}?` : '';
    return notice(`${NOTHING_FOUND}${hint}`);
  }
  const state = Object.fromEntries(entries.map((entry, i) => [KEYS[i] ?? 'z', entry.id]));
  const count = entries.length === 1 ? '1 project' : `${entries.length} projects`;
  return cards(entries, true, {
    content: `Found ${count} from the list in that message.`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: encodeCustomId(FIND_PREFIX, state),
            label: POST_LABEL,
          },
        ],
      },
    ],
  });
}

/** An id cut to fit the custom id matches the first entry whose id starts with it. */
function entryOf(catalog: Catalog, id: string, shortened: boolean): Entry | undefined {
  return shortened ? catalog.doc.entries.find((entry) => entry.id.startsWith(id)) : catalog.index.get(id);
}

function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  if (decoded?.prefix !== FIND_PREFIX) return { kind: 'reply', payload: expiredNotice() };
  const catalog = services.catalog();
  const entries = KEYS.flatMap((key) => {
    const id = decoded.state[key];
    const entry = id === undefined ? undefined : entryOf(catalog, id, decoded.shortened.has(key));
    return entry ? [entry] : [];
  });
  if (entries.length === 0) {
    return { kind: 'reply', payload: notice('Those projects are no longer in the list.') };
  }
  return {
    kind: 'reply',
    payload: cards(entries, false, { content: `<@${input.userId}> shared ${nameListPlain(entries)}:` }),
  };
}

function nameListPlain(entries: readonly Entry[]): string {
  return entries.length === 1 ? 'a project' : `${entries.length} projects`;
}

export const findProjects: MessageCommandModule = {
  definition: {
    type: ApplicationCommandType.Message,
    name: FIND_PROJECTS,
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
  },
  execute,
  componentPrefix: FIND_PREFIX,
  component,
};
