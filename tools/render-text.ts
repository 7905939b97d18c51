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
  for (const row of asArray(message.components)) {
    const parts: string[] = [];
    for (const component of asArray(row.components)) {
      const number = firstNumber + controls.length;
      const customId = text(component.custom_id);
      if (component.type === 2) {
        if (component.url) parts.push(`[${text(component.label)} ↗ ${text(component.url)}]`);
        else if (component.disabled === true) parts.push(`[${text(component.label)} (disabled)]`);
        else {
          controls.push({ number, customId, kind: 'button' });
          parts.push(`[${number}: ${text(component.label)}]`);
        }
      } else if (component.type === 3) {
        const options = asArray(component.options).map((option) => ({
          label: text(option.label),
          value: text(option.value),
        }));
        controls.push({ number, customId, kind: 'select', options });
        parts.push(
          `[${number}: ${text(component.placeholder) || 'choose'} ▾ ${options.map((o, i) => `${i + 1}=${o.label}`).join(', ')}]`,
        );
      }
    }
    if (parts.length > 0) lines.push(parts.join(' '));
  }
  return { text: lines.join('\n'), controls };
}
