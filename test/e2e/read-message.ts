/**
 * Reading what a member sees in a message the bot sent, in either card style: classic embeds, or
 * a Components V2 layout (CARD_STYLE=components). Tests about behaviour read through these, so
 * they hold in both styles.
 */
import type { StandinMessage } from '../../tools/discord-standin/index.js';

type Json = Record<string, unknown>;

/** Every component of the message, nested ones (sections' accessories included) too. */
export function* allComponents(components: unknown): Generator<Json> {
  for (const component of (Array.isArray(components) ? components : []) as Json[]) {
    yield component;
    yield* allComponents(component.components);
    if (component.accessory) yield* allComponents([component.accessory]);
  }
}

/** The text displays of a layout, in order. */
export function layoutTexts(message: { components?: unknown }): string[] {
  return [...allComponents(message.components)].flatMap((component) =>
    component.type === 10 && typeof component.content === 'string' ? [component.content] : [],
  );
}

/** Everything readable: content, embeds and layout text, as one string to search. */
export function allText(message: Pick<StandinMessage, 'content' | 'embeds' | 'components'>): string {
  return JSON.stringify({ c: message.content, e: message.embeds, l: layoutTexts(message) });
}

/** The embed footer, or the layout's last small-text line (`-# Page 1/3 · 12 projects`). */
export function footerOf(message: StandinMessage): string {
  const embed = (message.embeds as Json[])[0];
  if (embed) return String((embed.footer as Json | undefined)?.text ?? '');
  const small = layoutTexts(message).filter((text) => text.startsWith('-# '));
  return (small.at(-1) ?? '').replace(/^-# /, '');
}

/** The embed title, or the layout's first heading without its link (`### [etcd](…)` → `etcd`). */
export function titleOf(message: { embeds?: unknown; components?: unknown }): string {
  const embed = ((message.embeds ?? []) as Json[])[0];
  if (embed) return String(embed.title ?? '');
  const heading = layoutTexts(message).find((text) => text.startsWith('### ')) ?? '';
  const line = heading.split('\n')[0] ?? '';
  return line.replace(/^### /, '').replace(/^\[(.*)\]\([^)]*\)$/, '$1');
}

/** Every button and menu, wherever it sits (action rows, sections). */
export function controlsOf(message: Pick<StandinMessage, 'components'>): Json[] {
  return [...allComponents(message.components)].filter(
    (component) => component.type === 2 || component.type === 3,
  );
}

/** An embed field's value, or the same field in a layout (`**Source** hostile.md`). */
export function fieldOf(message: StandinMessage, name: string): string | undefined {
  const embed = (message.embeds as Json[])[0];
  if (embed) {
    const field = ((embed.fields ?? []) as Json[]).find((candidate) => candidate.name === name);
    return field === undefined ? undefined : String(field.value);
  }
  for (const text of layoutTexts(message)) {
    const match = new RegExp(`\\*\\*${name}\\*\\*[ \\n]([^\\n]*?)(?: · \\*\\*|\\n|$)`).exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** Every card's title: one per embed, or one per layout heading. */
export function titlesOf(message: { embeds?: unknown; components?: unknown }): string[] {
  const embeds = (message.embeds ?? []) as Json[];
  if (embeds.length > 0) return embeds.map((embed) => String(embed.title ?? ''));
  return layoutTexts(message)
    .filter((text) => text.startsWith('### '))
    .map((text) => titleOf({ components: [{ type: 10, content: text }] }));
}

/** The first line a member reads: of the content, or of the layout's first text. */
export function openingLine(message: Pick<StandinMessage, 'content' | 'components'>): string {
  const first = message.content !== '' ? message.content : (layoutTexts(message)[0] ?? '');
  return first.split('\n')[0] ?? '';
}

/** The results of a list page: the embed description's paragraphs after its intro, or the layout's sections. */
export function resultLines(message: StandinMessage): string[] {
  const embed = (message.embeds as Json[])[0];
  if (embed)
    return String(embed.description ?? '')
      .split('\n\n')
      .slice(1);
  return [...allComponents(message.components)]
    .filter((component) => component.type === 9)
    .map((section) => String(((section.components as Json[])[0] ?? {}).content ?? ''));
}
