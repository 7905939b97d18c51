/**
 * Discord's rules for Components V2 messages ("layouts": containers, sections, text displays,
 * thumbnails, separators, media galleries), and `fitLayout`, which makes any layout obey them,
 * the way `fitEmbed` does for embeds. `layoutProblems` lists what a layout breaks, for tests.
 *
 * A V2-flagged message carries no content and no embeds (the payload's `layout` replaces both).
 */
import type {
  APIButtonComponent,
  APIComponentInContainer,
  APIComponentInMessageActionRow,
  APIMediaGalleryItem,
  APIMessageTopLevelComponent,
  APISectionComponent,
  APITextDisplayComponent,
} from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS } from './limits.js';

export const LAYOUT_LIMITS = {
  /** Every component counts, nested ones included (a container, its sections, their accessories). */
  components: 40,
  /** Across all text displays of a message. */
  textDisplayTotal: 4000,
  sectionTextsMin: 1,
  sectionTextsMax: 3,
  galleryItemsMin: 1,
  galleryItemsMax: 10,
  mediaDescription: 1024,
  customId: LIMITS.customId,
  buttonLabel: LIMITS.buttonLabel,
  buttonsPerRow: LIMITS.buttonsPerRow,
} as const;

type AnyComponent =
  | APIMessageTopLevelComponent
  | APIComponentInContainer
  | APISectionComponent['accessory']
  | APIComponentInMessageActionRow;

/** The components directly inside `component` (a section's accessory included). */
function childrenOf(component: AnyComponent): AnyComponent[] {
  switch (component.type) {
    case ComponentType.Container:
    case ComponentType.ActionRow:
      return component.components;
    case ComponentType.Section:
      return [...component.components, component.accessory];
    default:
      return [];
  }
}

function* walk(components: readonly AnyComponent[]): Generator<AnyComponent> {
  for (const component of components) {
    yield component;
    yield* walk(childrenOf(component));
  }
}

/** Every component of the layout, nested ones included: what Discord counts against 40. */
export function countComponents(layout: readonly APIMessageTopLevelComponent[]): number {
  let count = 0;
  for (const _component of walk(layout)) count += 1;
  return count;
}

function textDisplays(layout: readonly APIMessageTopLevelComponent[]): APITextDisplayComponent[] {
  return [...walk(layout)].filter(
    (component): component is APITextDisplayComponent => component.type === ComponentType.TextDisplay,
  );
}

/** Characters across every text display, counted in UTF-16 code units like the embed limits. */
export function layoutTextLength(layout: readonly APIMessageTopLevelComponent[]): number {
  return textDisplays(layout).reduce((sum, text) => sum + text.content.length, 0);
}

/** Only http(s) media, or files attached to the message itself. */
export function isLayoutMediaUrl(url: string): boolean {
  if (/^attachment:\/\/[^/\s]+$/.test(url)) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function customIdOf(component: AnyComponent): string | undefined {
  return 'custom_id' in component && typeof component.custom_id === 'string'
    ? component.custom_id
    : undefined;
}

/** Every rule the layout breaks, in words; empty when Discord would accept it. */
export function layoutProblems(layout: readonly APIMessageTopLevelComponent[]): string[] {
  const problems: string[] = [];
  const count = countComponents(layout);
  if (count > LAYOUT_LIMITS.components) problems.push(`${count} components (at most 40)`);
  const length = layoutTextLength(layout);
  if (length > LAYOUT_LIMITS.textDisplayTotal) problems.push(`${length} characters of text (at most 4000)`);
  const seen = new Set<string>();
  for (const component of walk(layout)) {
    const id = customIdOf(component);
    if (id !== undefined) {
      if (id.length > LAYOUT_LIMITS.customId) problems.push(`custom id over 100 characters: ${id}`);
      if (seen.has(id)) problems.push(`custom id used twice: ${id}`);
      seen.add(id);
    }
    problems.push(...componentProblems(component));
  }
  return problems;
}

function componentProblems(component: AnyComponent): string[] {
  switch (component.type) {
    case ComponentType.Section: {
      const texts = component.components.length;
      return texts < LAYOUT_LIMITS.sectionTextsMin || texts > LAYOUT_LIMITS.sectionTextsMax
        ? [`a section with ${texts} text displays (1 to 3)`]
        : [];
    }
    case ComponentType.Thumbnail:
      return isLayoutMediaUrl(component.media.url)
        ? []
        : [`thumbnail URL not http(s): ${component.media.url}`];
    case ComponentType.MediaGallery: {
      const bad = component.items.filter((item) => !isLayoutMediaUrl(item.media.url));
      const items = component.items.length;
      return [
        ...bad.map((item) => `gallery URL not http(s): ${item.media.url}`),
        ...(items < LAYOUT_LIMITS.galleryItemsMin || items > LAYOUT_LIMITS.galleryItemsMax
          ? [`a media gallery with ${items} items (1 to 10)`]
          : []),
      ];
    }
    case ComponentType.TextDisplay:
      return component.content.length === 0 ? ['an empty text display'] : [];
    case ComponentType.ActionRow:
      return component.components.length > LAYOUT_LIMITS.buttonsPerRow ? ['an action row over 5 wide'] : [];
    default:
      return [];
  }
}

const text = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });

/** A section without a valid accessory or with too many texts is kept as its text displays. */
function fitSection(section: APISectionComponent, keepAccessory: boolean): APIComponentInContainer[] {
  const texts = section.components.filter((part) => part.content !== '');
  if (texts.length === 0) return [];
  if (!keepAccessory) return texts;
  const kept = texts.slice(0, LAYOUT_LIMITS.sectionTextsMax - 1);
  const rest = texts.slice(LAYOUT_LIMITS.sectionTextsMax - 1).map((part) => part.content);
  return [{ ...section, components: rest.length > 0 ? [...kept, text(rest.join('\n'))] : kept }];
}

/** A button fits when it links or has a short custom id not yet used in the message. */
function fitButton(button: APIButtonComponent, usedIds: Set<string>): APIButtonComponent | undefined {
  const id = 'custom_id' in button ? button.custom_id : undefined;
  if (id !== undefined) {
    if (id.length > LAYOUT_LIMITS.customId || usedIds.has(id)) return undefined;
    usedIds.add(id);
  }
  return 'label' in button && button.label !== undefined
    ? { ...button, label: truncate(button.label, LAYOUT_LIMITS.buttonLabel) }
    : button;
}

function fitGalleryItems(items: readonly APIMediaGalleryItem[]): APIMediaGalleryItem[] {
  return items
    .filter((item) => isLayoutMediaUrl(item.media.url))
    .slice(0, LAYOUT_LIMITS.galleryItemsMax)
    .map((item) =>
      item.description == null
        ? item
        : { ...item, description: truncate(item.description, LAYOUT_LIMITS.mediaDescription) },
    );
}

/** One component made valid on its own: a list, since a broken one may become its parts or nothing. */
function fitComponent(component: AnyComponent, usedIds: Set<string>): AnyComponent[] {
  switch (component.type) {
    case ComponentType.Container: {
      const children = component.components.flatMap((child) => fitComponent(child, usedIds));
      return children.length === 0
        ? []
        : [{ ...component, components: children as APIComponentInContainer[] }];
    }
    case ComponentType.Section: {
      const { accessory } = component;
      const button = accessory.type === ComponentType.Button ? fitButton(accessory, usedIds) : undefined;
      const keep =
        button !== undefined ||
        (accessory.type === ComponentType.Thumbnail && isLayoutMediaUrl(accessory.media.url));
      return fitSection({ ...component, accessory: button ?? accessory }, keep);
    }
    case ComponentType.ActionRow: {
      const buttons = component.components
        .slice(0, LAYOUT_LIMITS.buttonsPerRow)
        .map((child) => (child.type === ComponentType.Button ? fitButton(child, usedIds) : child))
        .filter((child) => child !== undefined);
      return buttons.length === 0 ? [] : [{ ...component, components: buttons }];
    }
    case ComponentType.MediaGallery: {
      const items = fitGalleryItems(component.items);
      return items.length === 0 ? [] : [{ ...component, items }];
    }
    case ComponentType.TextDisplay:
      return component.content === '' ? [] : [component];
    default:
      return [component];
  }
}

/** Shortens the longest text display until the whole layout is within 4000 characters. */
function fitTextTotal(layout: APIMessageTopLevelComponent[]): void {
  let excess = layoutTextLength(layout) - LAYOUT_LIMITS.textDisplayTotal;
  while (excess > 0) {
    const longest = textDisplays(layout).reduce((a, b) => (b.content.length > a.content.length ? b : a));
    const target = Math.max(1, longest.content.length - excess);
    longest.content = truncate(longest.content, target);
    excess = layoutTextLength(layout) - LAYOUT_LIMITS.textDisplayTotal;
    if (longest.content.length <= 1 && excess > 0) break;
  }
}

/**
 * Drops content from the end, keeping action rows (navigation) and the first two children of
 * each container (the heading and the card's main section), until at most 40 components remain.
 */
function fitCount(layout: APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] {
  let fitted = layout;
  while (countComponents(fitted) > LAYOUT_LIMITS.components) {
    const next = dropLastContent(fitted);
    if (next === undefined) return fitted;
    fitted = next;
  }
  return fitted;
}

function dropLastContent(layout: APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] | undefined {
  for (let index = layout.length - 1; index >= 0; index -= 1) {
    const component = layout[index];
    if (component?.type === ComponentType.Container) {
      const children = component.components;
      const last = children.findLastIndex((child, at) => at >= 2 && child.type !== ComponentType.ActionRow);
      if (last === -1) continue;
      const copy = [...layout];
      copy[index] = { ...component, components: children.filter((_child, at) => at !== last) };
      return copy;
    }
    if (component !== undefined && component.type !== ComponentType.ActionRow) {
      return layout.filter((_child, at) => at !== index);
    }
  }
  return undefined;
}

/**
 * A copy of `layout` that Discord accepts: broken media and sections become plain text,
 * duplicate or over-long custom ids lose their button, galleries keep 1–10 items, text is
 * shortened (longest first) to 4000 characters in all, and trailing content is dropped to 40 components.
 */
export function fitLayout(layout: readonly APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] {
  const usedIds = new Set<string>();
  const valid = layout.flatMap((component) => fitComponent(component, usedIds));
  // A copy, so that shortening text displays in place never touches the caller's objects.
  const fitted = structuredClone(fitCount(valid as APIMessageTopLevelComponent[]));
  fitTextTotal(fitted);
  return fitted;
}
