/** What dsp sends to Discord, as plain data: commands build it, the Discord glue and the featured poster send it. */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIMessageTopLevelComponent,
} from 'discord-api-types/v10';

export type { CardStyle } from '../config/schema.js';

/** Every message dsp sends carries this: no pings, ever. */
export interface NoMentions {
  parse: [];
}

/**
 * Nothing parsed from the text; only the users or roles named here are pinged: the member a
 * find is shared with (`target:`), the role an updates channel pings. Never @everyone/@here.
 */
export interface AllowedMentions extends NoMentions {
  users?: string[];
  roles?: string[];
}

export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /**
   * A Components V2 layout: the message is sent with the IS_COMPONENTS_V2 flag and has no
   * content, embeds or classic components (commands/lib/layout.ts builds it within Discord's limits).
   */
  layout?: APIMessageTopLevelComponent[];
  /** Only for a new reply: show it to the invoking user only. */
  ephemeral?: boolean;
  allowedMentions: AllowedMentions;
}
