/**
 * Discord's checks on Components V2 messages (flag 1 << 15), as its API applies them: no content
 * or embeds beside the flag, the flag never removed by an edit, at most 40 components counting
 * nested ones, 4000 characters across text displays, sections of 1–3 text displays with one
 * accessory, http(s) or attachment:// media, unique custom ids. Without the flag only action rows
 * may sit at the top level. Problems come back as paths for the 50035 Invalid Form Body error.
 */
import type { JsonObject } from './types.js';

export const COMPONENTS_V2_FLAG = 1 << 15;

export type Problem = { path: (string | number)[]; code: string; message: string };
type Path = (string | number)[];

const TYPE = {
  actionRow: 1,
  button: 2,
  section: 9,
  textDisplay: 10,
  thumbnail: 11,
  mediaGallery: 12,
  file: 13,
  separator: 14,
  container: 17,
} as const;

const TOP_LEVEL_V2: readonly number[] = [1, 9, 10, 12, 13, 14, 17];
const IN_CONTAINER: readonly number[] = [1, 9, 10, 12, 13, 14];
const MAX_COMPONENTS = 40;
const MAX_TEXT = 4000;

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value)
    ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null)
    : [];
}

const nonEmpty = (value: unknown): boolean =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.length > 0 : false;

/** What walking a V2 tree collects: counts for the message-wide limits, ids for uniqueness. */
interface Walk {
  problems: Problem[];
  count: number;
  textLength: number;
  customIds: Set<string>;
}

function mediaUrlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return 'This field is required';
  if (/^attachment:\/\/[^/\s]+$/.test(url)) return undefined;
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') return undefined;
    return `Scheme "${protocol.slice(0, -1)}" is not supported. Scheme must be one of ('http', 'https', 'attachment').`;
  } catch {
    return 'Not a well formed URL.';
  }
}

function checkMedia(walk: Walk, path: Path, media: unknown): void {
  const url = typeof media === 'object' && media !== null ? (media as JsonObject).url : undefined;
  const problem = mediaUrlProblem(url);
  if (problem)
    walk.problems.push({ path: [...path, 'media', 'url'], code: 'URL_TYPE_INVALID_URL', message: problem });
}

function lengthBetween(walk: Walk, path: Path, value: unknown, min: number, max: number): void {
  const length = Array.isArray(value) ? value.length : 0;
  if (length < min || length > max) {
    walk.problems.push({
      path,
      code: 'BASE_TYPE_BAD_LENGTH',
      message: `Must be between ${min} and ${max} in length.`,
    });
  }
}

function checkInteractive(walk: Walk, path: Path, component: JsonObject): void {
  const id = component.custom_id;
  if (typeof id === 'string') {
    if ([...id].length > 100)
      walk.problems.push({
        path: [...path, 'custom_id'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 100 or fewer in length.',
      });
    if (walk.customIds.has(id))
      walk.problems.push({
        path: [...path, 'custom_id'],
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: 'Component custom id cannot be duplicated',
      });
    walk.customIds.add(id);
  }
  if (typeof component.label === 'string' && [...component.label].length > 80)
    walk.problems.push({
      path: [...path, 'label'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 80 or fewer in length.',
    });
}

function wrongType(walk: Walk, path: Path, allowed: readonly number[]): void {
  walk.problems.push({
    path: [...path, 'type'],
    code: 'BASE_TYPE_CHOICES',
    message: `Value must be one of {${allowed.join(', ')}}.`,
  });
}

function checkComponent(walk: Walk, path: Path, component: JsonObject, allowed: readonly number[]): void {
  walk.count += 1;
  const type = typeof component.type === 'number' ? component.type : -1;
  if (!allowed.includes(type)) {
    wrongType(walk, path, allowed);
    return;
  }
  switch (type) {
    case TYPE.container:
      objects(component.components).forEach((child, i) =>
        checkComponent(walk, [...path, 'components', i], child, IN_CONTAINER),
      );
      return;
    case TYPE.section: {
      lengthBetween(walk, [...path, 'components'], component.components, 1, 3);
      objects(component.components).forEach((child, i) =>
        checkComponent(walk, [...path, 'components', i], child, [TYPE.textDisplay]),
      );
      const accessory = component.accessory;
      if (typeof accessory !== 'object' || accessory === null) {
        walk.problems.push({
          path: [...path, 'accessory'],
          code: 'BASE_TYPE_REQUIRED',
          message: 'This field is required',
        });
      } else {
        checkComponent(walk, [...path, 'accessory'], accessory as JsonObject, [TYPE.button, TYPE.thumbnail]);
      }
      return;
    }
    case TYPE.actionRow:
      lengthBetween(walk, [...path, 'components'], component.components, 1, 5);
      objects(component.components).forEach((child, i) => {
        walk.count += 1;
        checkInteractive(walk, [...path, 'components', i], child);
      });
      return;
    case TYPE.button:
      checkInteractive(walk, path, component);
      return;
    case TYPE.textDisplay:
      if (typeof component.content !== 'string' || component.content.length === 0)
        walk.problems.push({
          path: [...path, 'content'],
          code: 'BASE_TYPE_REQUIRED',
          message: 'This field is required',
        });
      else walk.textLength += [...component.content].length;
      return;
    case TYPE.thumbnail:
      checkMedia(walk, path, component.media);
      return;
    case TYPE.mediaGallery:
      lengthBetween(walk, [...path, 'items'], component.items, 1, 10);
      objects(component.items).forEach((item, i) => checkMedia(walk, [...path, 'items', i], item.media));
      return;
    default:
      return;
  }
}

function legacyFieldProblems(body: JsonObject): Problem[] {
  return (['content', 'embeds', 'sticker_ids', 'poll'] as const)
    .filter((field) => nonEmpty(body[field]) || (field === 'poll' && body.poll))
    .map((field) => ({
      path: [field],
      code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      message: `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
    }));
}

/** Whether a body sent to a message whose flags are `previousFlags` (undefined: a new message) is V2. */
export function isComponentsV2(body: JsonObject, previousFlags: number | undefined): boolean {
  const flags = typeof body.flags === 'number' ? body.flags : undefined;
  if (flags !== undefined) return (flags & COMPONENTS_V2_FLAG) !== 0;
  return ((previousFlags ?? 0) & COMPONENTS_V2_FLAG) !== 0;
}

/**
 * Problems of a create or edit body (`previousFlags`: the edited message's flags, when known).
 * Without the flag only action rows may be sent (their contents are checked by the classic validator).
 */
export function componentsV2Problems(
  body: JsonObject,
  creating: boolean,
  previousFlags: number | undefined,
): Problem[] {
  const v2 = isComponentsV2(body, previousFlags);
  const problems: Problem[] = [];
  if (!v2) {
    if (((previousFlags ?? 0) & COMPONENTS_V2_FLAG) !== 0) {
      problems.push({
        path: ['flags'],
        code: 'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG',
        message: 'The IS_COMPONENTS_V2 flag cannot be removed from a message',
      });
    }
    const walk: Walk = { problems, count: 0, textLength: 0, customIds: new Set() };
    objects(body.components).forEach((row, i) => {
      if (row.type !== TYPE.actionRow) wrongType(walk, ['components', i], [TYPE.actionRow]);
    });
    return problems;
  }
  problems.push(...legacyFieldProblems(body));
  const walk: Walk = { problems, count: 0, textLength: 0, customIds: new Set() };
  objects(body.components).forEach((component, i) =>
    checkComponent(walk, ['components', i], component, TOP_LEVEL_V2),
  );
  if (walk.count > MAX_COMPONENTS) {
    problems.push({
      path: ['components'],
      code: 'COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED',
      message: `The maximum number of components was exceeded (${MAX_COMPONENTS})`,
    });
  }
  if (walk.textLength > MAX_TEXT) {
    problems.push({
      path: ['components'],
      code: 'COMPONENT_MAX_TEXT_DISPLAY_LENGTH_EXCEEDED',
      message: `The total length of text displays must be ${MAX_TEXT} or fewer`,
    });
  }
  if (creating && !nonEmpty(body.components)) {
    problems.push({ path: ['components'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
  return problems;
}
