/**
 * The subset of Discord's message validation a bot is likely to trip over:
 * lengths and counts of content, embeds, components and autocomplete choices.
 */
import { allowedMentionsProblem } from './pings.js';
import type { JsonObject } from './types.js';
import { type Problem, componentsV2Problems, isComponentsV2 } from './components-v2.js';

export interface DiscordError {
  status: number;
  body: JsonObject;
}

function maxLength(problems: Problem[], path: (string | number)[], value: unknown, max: number): void {
  if (typeof value === 'string' && [...value].length > max) {
    problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
}

function maxItems(problems: Problem[], path: (string | number)[], value: unknown, max: number): void {
  if (Array.isArray(value) && value.length > max) {
    problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
}

function asObjects(value: unknown): JsonObject[] {
  return Array.isArray(value)
    ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null)
    : [];
}

function embedLength(embed: JsonObject): number {
  const text = (v: unknown) => (typeof v === 'string' ? [...v].length : 0);
  const fields = asObjects(embed.fields).reduce((n, f) => n + text(f.name) + text(f.value), 0);
  const footer =
    typeof embed.footer === 'object' && embed.footer ? (embed.footer as JsonObject).text : undefined;
  const author =
    typeof embed.author === 'object' && embed.author ? (embed.author as JsonObject).name : undefined;
  return text(embed.title) + text(embed.description) + fields + text(footer) + text(author);
}

function checkEmbeds(problems: Problem[], embeds: unknown): void {
  maxItems(problems, ['embeds'], embeds, 10);
  let total = 0;
  asObjects(embeds).forEach((embed, i) => {
    maxLength(problems, ['embeds', i, 'title'], embed.title, 256);
    maxLength(problems, ['embeds', i, 'description'], embed.description, 4096);
    maxItems(problems, ['embeds', i, 'fields'], embed.fields, 25);
    asObjects(embed.fields).forEach((field, j) => {
      maxLength(problems, ['embeds', i, 'fields', j, 'name'], field.name, 256);
      maxLength(problems, ['embeds', i, 'fields', j, 'value'], field.value, 1024);
    });
    total += embedLength(embed);
  });
  if (total > 6000) {
    problems.push({
      path: ['embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: 'Embed size exceeds maximum size of 6000',
    });
  }
}

function checkComponents(problems: Problem[], components: unknown): void {
  maxItems(problems, ['components'], components, 5);
  asObjects(components).forEach((row, i) => {
    const children = asObjects(row.components);
    maxItems(problems, ['components', i, 'components'], row.components, 5);
    children.forEach((child, j) => {
      const path = ['components', i, 'components', j];
      maxLength(problems, [...path, 'custom_id'], child.custom_id, 100);
      maxLength(problems, [...path, 'label'], child.label, 80);
      maxLength(problems, [...path, 'placeholder'], child.placeholder, 150);
      maxItems(problems, [...path, 'options'], child.options, 25);
      asObjects(child.options).forEach((option, k) => {
        maxLength(problems, [...path, 'options', k, 'label'], option.label, 100);
        maxLength(problems, [...path, 'options', k, 'value'], option.value, 100);
        maxLength(problems, [...path, 'options', k, 'description'], option.description, 100);
      });
    });
    const hasSelect = children.some(
      (c) => typeof c.type === 'number' && c.type >= 3 && c.type <= 8 && c.type !== 4,
    );
    if (hasSelect && children.length > 1) {
      problems.push({
        path: ['components', i, 'components'],
        code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        message: 'The specified component exceeds the maximum width',
      });
    }
  });
}

function formBodyError(problems: Problem[]): DiscordError {
  const errors: JsonObject = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path) {
      const next = (node[String(key)] ??= {}) as JsonObject;
      node = next;
    }
    const list = (node._errors ??= []) as JsonObject[];
    list.push({ code: problem.code, message: problem.message });
  }
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

function isEmptyMessage(body: JsonObject, hasFiles: boolean): boolean {
  const nonEmpty = (v: unknown) =>
    Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : false;
  return (
    !hasFiles &&
    !nonEmpty(body.content) &&
    !nonEmpty(body.embeds) &&
    !nonEmpty(body.components) &&
    !nonEmpty(body.sticker_ids) &&
    !body.poll
  );
}

/**
 * Checks a message create/edit body; creating also rejects an empty message (50006). An edit
 * passes the edited message's flags, so that a Components V2 message stays one.
 */
export function validateMessage(
  body: JsonObject,
  creating: boolean,
  hasFiles: boolean,
  previousFlags?: number,
): DiscordError | null {
  const problems: Problem[] = [];
  maxLength(problems, ['content'], body.content, 2000);
  checkEmbeds(problems, body.embeds);
  const v2 = isComponentsV2(body, creating ? undefined : previousFlags);
  if (!v2) checkComponents(problems, body.components);
  problems.push(...componentsV2Problems(body, creating, creating ? undefined : previousFlags));
  const mentions = allowedMentionsProblem(body);
  if (mentions)
    problems.push({ path: ['allowed_mentions'], code: 'INVALID_ALLOWED_MENTIONS', message: mentions });
  if (problems.length > 0) return formBodyError(problems);
  if (creating && !v2 && isEmptyMessage(body, hasFiles)) {
    return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
  }
  return null;
}

export function validateChoices(data: JsonObject): DiscordError | null {
  const problems: Problem[] = [];
  maxItems(problems, ['data', 'choices'], data.choices, 25);
  asObjects(data.choices).forEach((choice, i) => {
    if (typeof choice.name !== 'string' || choice.name.length === 0) {
      problems.push({
        path: ['data', 'choices', i, 'name'],
        code: 'BASE_TYPE_REQUIRED',
        message: 'This field is required',
      });
    }
    maxLength(problems, ['data', 'choices', i, 'name'], choice.name, 100);
    maxLength(problems, ['data', 'choices', i, 'value'], choice.value, 100);
  });
  return problems.length > 0 ? formBodyError(problems) : null;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Minimal application-command checks: name format, description length, option count. */
export function validateCommand(command: JsonObject, index?: number): DiscordError | null {
  const problems: Problem[] = [];
  const at = (...rest: (string | number)[]) => (index === undefined ? rest : [index, ...rest]);
  const type = typeof command.type === 'number' ? command.type : 1;
  const name = command.name;
  // Context-menu commands (user 2, message 3) may have spaces and capitals: 1-32 characters.
  const validName =
    typeof name === 'string' &&
    (type === 1 ? COMMAND_NAME.test(name) && name === name.toLowerCase() : /^.{1,32}$/u.test(name.trim()));
  if (!validName) {
    problems.push({
      path: at('name'),
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name is invalid',
    });
  }
  if (type === 1) {
    const description = command.description;
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      problems.push({
        path: at('description'),
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 100 in length.',
      });
    }
  }
  maxItems(problems, at('options'), command.options, 25);
  return problems.length > 0 ? formBodyError(problems) : null;
}
