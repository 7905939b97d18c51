/**
 * Components V2 building blocks, and the `components` renderer of answers that have no layout
 * of their own (categories, about, admin answers): each embed becomes a container with the same
 * text, so dsp looks like one product. Every layout goes through fitLayout before it is sent.
 */
import type {
  APIButtonComponent,
  APIComponentInContainer,
  APIContainerComponent,
  APIEmbed,
  APIMessageTopLevelComponent,
  APISectionComponent,
  APITextDisplayComponent,
} from 'discord-api-types/v10';
import { ComponentType, SeparatorSpacingSize } from 'discord-api-types/v10';
import type { CardStyle, MessagePayload } from '../../src/contracts/payload.js';
import type { CommandServices } from '../../src/contracts/services.js';
import { safeUrl } from './escape.js';
import { fitLayout } from './layout-limits.js';
import type { ComponentInput, ComponentReply, MessageCommandModule, SubcommandModule } from '../types.js';

export function cardStyleOf(services: Pick<CommandServices, 'cardStyle'>): CardStyle {
  return services.cardStyle ?? 'embed';
}

export function textDisplay(content: string): APITextDisplayComponent {
  return { type: ComponentType.TextDisplay, content };
}

/** Small grey text under a card, like an embed footer. */
export function subtext(text: string): APITextDisplayComponent {
  return textDisplay(`-# ${text.replace(/\n+/g, ' ')}`);
}

export function separator(): APIComponentInContainer {
  return { type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small };
}

export function section(
  texts: readonly string[],
  accessory: APISectionComponent['accessory'],
): APISectionComponent {
  return {
    type: ComponentType.Section,
    components: texts.filter((text) => text !== '').map(textDisplay),
    accessory,
  };
}

export function thumbnail(url: string, description?: string): APISectionComponent['accessory'] {
  return {
    type: ComponentType.Thumbnail,
    media: { url },
    ...(description === undefined ? {} : { description }),
  };
}

export function container(
  components: readonly (APIComponentInContainer | undefined)[],
  accentColour?: number,
): APIContainerComponent {
  return {
    type: ComponentType.Container,
    ...(accentColour === undefined ? {} : { accent_color: accentColour }),
    components: components.filter((component) => component !== undefined),
  };
}

export function buttonRow(buttons: readonly APIButtonComponent[]): APIComponentInContainer | undefined {
  return buttons.length === 0 ? undefined : { type: ComponentType.ActionRow, components: [...buttons] };
}

/** A V2 message: fitted to Discord's limits, no pings, ephemeral only when asked. */
export function layoutPayload(
  layout: readonly APIMessageTopLevelComponent[],
  ephemeral = false,
): MessagePayload {
  return {
    layout: fitLayout(layout),
    ...(ephemeral ? { ephemeral: true } : {}),
    allowedMentions: { parse: [] },
  };
}

/** `### [title](url)`, or the bare title when the URL is not http(s). */
export function heading(title: string, url?: string): string {
  const href = safeUrl(url);
  return `### ${href === undefined ? title : `[${title}](${href})`}`;
}

/** An embed's fields as text: `**name**` above its value; consecutive inline fields share a line. */
function fieldsText(fields: NonNullable<APIEmbed['fields']>): string {
  const blocks: string[] = [];
  let inline: string[] = [];
  const flush = () => {
    if (inline.length > 0) blocks.push(inline.join(' · '));
    inline = [];
  };
  for (const field of fields) {
    if (field.inline) {
      inline.push(`**${field.name}** ${field.value}`);
    } else {
      flush();
      blocks.push(`**${field.name}**\n${field.value}`);
    }
  }
  flush();
  return blocks.join('\n');
}

/** One embed as a container with the same text (title, description, fields, footer) and colour. */
export function embedAsContainer(
  embed: APIEmbed,
  extra: readonly (APIComponentInContainer | undefined)[] = [],
): APIContainerComponent {
  const fields = embed.fields === undefined || embed.fields.length === 0 ? '' : fieldsText(embed.fields);
  const parts = [
    embed.title === undefined ? undefined : heading(embed.title, embed.url),
    embed.description,
    fields,
  ].filter((part): part is string => part !== undefined && part !== '');
  return container(
    [
      ...parts.map(textDisplay),
      ...extra,
      embed.footer === undefined || embed.footer.text === '' ? undefined : subtext(embed.footer.text),
    ],
    embed.color ?? undefined,
  );
}

/**
 * The same answer in the asked style. Answers that already have a layout, and plain notices
 * (content only), are left alone; embeds become containers, with the content above them and
 * the buttons below.
 */
export function inCardStyle(payload: MessagePayload, style: CardStyle): MessagePayload {
  if (style === 'embed' || payload.layout !== undefined || (payload.embeds ?? []).length === 0)
    return payload;
  const { content, embeds = [], components = [], ephemeral, allowedMentions } = payload;
  const layout: APIMessageTopLevelComponent[] = [
    ...(content === undefined || content === '' ? [] : [textDisplay(content)]),
    ...embeds.map((embed) => embedAsContainer(embed)),
    ...components,
  ];
  return { ...layoutPayload(layout, ephemeral === true), allowedMentions };
}

function restyleReply(reply: ComponentReply, style: CardStyle): ComponentReply {
  return { ...reply, payload: inCardStyle(reply.payload, style) };
}

function restyled<T>(result: T | Promise<T>, apply: (value: T) => T): T | Promise<T> {
  return result instanceof Promise ? result.then(apply) : apply(result);
}

/**
 * A module whose every answer comes in the services' card style: answers without a layout of
 * their own (categories, about, admin) are rendered as containers when the style is `components`.
 */
export function inServicesStyle<M extends SubcommandModule | MessageCommandModule>(module: M): M {
  const { component } = module;
  const execute = module.execute as (
    input: never,
    services: CommandServices,
  ) => MessagePayload | Promise<MessagePayload>;
  return {
    ...module,
    execute: (input: never, services: CommandServices) =>
      restyled(execute(input, services), (answer) => inCardStyle(answer, cardStyleOf(services))),
    ...(component === undefined
      ? {}
      : {
          component: (input: ComponentInput, services: CommandServices) =>
            restyled(component(input, services), (reply) => restyleReply(reply, cardStyleOf(services))),
        }),
  };
}
