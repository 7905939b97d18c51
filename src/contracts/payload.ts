/** What dsp sends to Discord, as plain data: commands build it, the Discord glue and the featured poster send it. */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';

/** Every message dsp sends carries this: no pings, ever. */
export interface NoMentions {
  parse: [];
}

export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only for a new reply: show it to the invoking user only. */
  ephemeral?: boolean;
  allowedMentions: NoMentions;
}
