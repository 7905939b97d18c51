/** Renders a Discord message object as plain text, the way the playground and the README show answers. */
import { renderMarkup, type MarkupOptions } from './discord-markup.js';

type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Markup is rendered where Discord renders it: fully in descriptions and field values, escapes and
 * emphasis only in titles and field names; footers are plain text on Discord, so shown as sent.
 */
function renderEmbed(embed: Json, markup: MarkupOptions): string[] {
  const full = (value: unknown) => renderMarkup(text(value), { ...markup, scope: 'full' });
  const inline = (value: unknown) => renderMarkup(text(value), { ...markup, scope: 'inline' });
  const lines: string[] = [];
  const title = inline(embed.title);
  if (title) lines.push(`┃ ${title}${embed.url ? `  <${text(embed.url)}>` : ''}`);
  for (const line of full(embed.description).split('\n')) if (line) lines.push(`┃ ${line}`);
  for (const field of asArray(embed.fields)) {
    lines.push(`┃ ▸ ${inline(field.name)}`);
    for (const line of full(field.value).split('\n')) lines.push(`┃   ${line}`);
  }
  const footer = (embed.footer as Json | undefined)?.text;
  if (footer) lines.push(`┃ — ${text(footer)}`);
  return lines;
}

const COMPONENTS_V2 = 1 << 15;

function renderRow(row: Json, controlText: (component: Json) => string | undefined): string[] {
  const parts = asArray(row.components).flatMap((component) => controlText(component) ?? []);
  return parts.length > 0 ? [parts.join(' ')] : [];
}

/**
 * A Components V2 layout, readably: a container's parts behind `┃`, text displays with their
 * markup, thumbnails and gallery images as `[image: …]`, a section's button beside its text.
 */
function renderLayout(
  component: Json,
  markup: MarkupOptions,
  controlText: (component: Json) => string | undefined,
): string[] {
  const full = (value: unknown) =>
    renderMarkup(text(value), { ...markup, scope: 'full' })
      .split('\n')
      .filter((line) => line !== '');
  switch (component.type) {
    case 17:
      return asArray(component.components).flatMap((child) =>
        renderLayout(child, markup, controlText).map((line) => `┃ ${line}`),
      );
    case 10:
      return full(component.content);
    case 9: {
      const texts = asArray(component.components).flatMap((child) => full(child.content));
      const accessory = (component.accessory ?? {}) as Json;
      const beside =
        accessory.type === 11
          ? `[image: ${text((accessory.media as Json | undefined)?.url)}]`
          : (controlText(accessory) ?? '');
      const [first = '', ...rest] = texts;
      return [`${first}  ${beside}`, ...rest];
    }
    case 14:
      return ['───'];
    case 12:
      return asArray(component.items).map(
        (item) => `[image: ${text((item.media as Json | undefined)?.url)}]`,
      );
    case 1:
      return renderRow(component, controlText);
    default:
      return [];
  }
}

export interface RenderedControl {
  number: number;
  customId: string;
  kind: 'button' | 'select';
  options?: { label: string; value: string }[];
}

/**
 * `markup` names the channels, users and roles mentions point at, and the time zone of `<t:…>`
 * (default: the local one, `TZ`). Button and menu labels are plain text on Discord and shown as sent.
 */
export function renderMessage(
  message: Json,
  firstNumber = 1,
  markup: MarkupOptions = {},
): { text: string; controls: RenderedControl[] } {
  const lines: string[] = [];
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  if (flags & 64) lines.push('(only you can see this)');
  const content = renderMarkup(text(message.content), { ...markup, scope: 'full' });
  for (const line of content.split('\n')) if (line) lines.push(line);
  for (const embed of asArray(message.embeds)) lines.push(...renderEmbed(embed, markup));
  const controls: RenderedControl[] = [];
  const controlText = (component: Json): string | undefined => {
    const number = firstNumber + controls.length;
    const customId = text(component.custom_id);
    if (component.type === 2) {
      if (component.url) return `[${text(component.label)} ↗ ${text(component.url)}]`;
      if (component.disabled === true) return `[${text(component.label)} (disabled)]`;
      controls.push({ number, customId, kind: 'button' });
      return `[${number}: ${text(component.label)}]`;
    }
    if (component.type === 3) {
      const options = asArray(component.options).map((option) => ({
        label: text(option.label),
        value: text(option.value),
      }));
      controls.push({ number, customId, kind: 'select', options });
      return `[${number}: ${text(component.placeholder) || 'choose'} ▾ ${options.map((o, i) => `${i + 1}=${o.label}`).join(', ')}]`;
    }
    return undefined;
  };
  const layout = (flags & COMPONENTS_V2) !== 0;
  for (const component of asArray(message.components)) {
    lines.push(
      ...(layout ? renderLayout(component, markup, controlText) : renderRow(component, controlText)),
    );
  }
  return { text: lines.join('\n'), controls };
}
