/**
 * Discord's size limits, and helpers that enforce them so a payload is never rejected.
 * Lengths are counted in UTF-16 code units, which is never less than Discord's own count.
 */
import type { APIEmbed, APIEmbedField, APISelectMenuOption } from 'discord-api-types/v10';
import { truncate } from '../../src/text/truncate.js';
import type { Choice } from '../types.js';

export const LIMITS = {
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  buttonLabel: 80,
  actionRows: 5,
  buttonsPerRow: 5,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  messageContent: 2000,
} as const;

const ELLIPSIS = '…';

/**
 * Joins whole lines while they fit in `max`; when some do not, the last line says how many
 * were left out. Cutting between lines never breaks a markdown link in half.
 */
export function joinLinesWithin(lines: readonly string[], max: number, separator = '\n'): string {
  const joined = lines.join(separator);
  if (joined.length <= max) return joined;
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const omitted = `${ELLIPSIS} and ${lines.length - index} more`;
    const nextLength = length + (kept.length > 0 ? separator.length : 0) + line.length;
    const spaceForNote = separator.length + omitted.length;
    const isLast = index === lines.length - 1;
    if (nextLength + (isLast ? 0 : spaceForNote) > max) {
      if (kept.length === 0) {
        // Even the first line is too long: show its beginning rather than nothing.
        return isLast
          ? truncate(line, max)
          : `${truncate(line, max - spaceForNote)}${separator}${ELLIPSIS} and ${lines.length - 1} more`;
      }
      kept.push(omitted);
      return truncate(kept.join(separator), max);
    }
    kept.push(line);
    length = nextLength;
  }
  return truncate(kept.join(separator), max);
}

/** At most 25 autocomplete choices; names are shortened, choices with over-long values dropped. */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.autocompleteChoices)
    .map((choice) => ({
      name: truncate(choice.name.trim() || choice.value, LIMITS.choiceName),
      value: choice.value,
    }));
}

/** At most 25 select options with labels and descriptions shortened; over-long values dropped. */
export function fitSelectOptions(options: readonly APISelectMenuOption[]): APISelectMenuOption[] {
  return options
    .filter((option) => option.value.length > 0 && option.value.length <= LIMITS.selectOptionValue)
    .slice(0, LIMITS.selectOptions)
    .map((option) => ({
      ...option,
      label: truncate(option.label, LIMITS.selectOptionLabel),
      ...(option.description === undefined
        ? {}
        : { description: truncate(option.description, LIMITS.selectOptionDescription) }),
    }));
}

/** Everything Discord counts towards the 6000-character total of an embed. */
export function embedTextLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

function fitField(field: APIEmbedField): APIEmbedField {
  return {
    ...field,
    name: truncate(field.name, LIMITS.fieldName) || '\u200b',
    value: truncate(field.value, LIMITS.fieldValue) || '\u200b',
  };
}

/**
 * A copy of `embed` that respects every embed limit: each part is shortened to its own limit,
 * then, while the total is over 6000, fields are dropped from the end and finally the
 * description is shortened.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, LIMITS.embedTitle);
  if (fitted.description !== undefined)
    fitted.description = truncate(fitted.description, LIMITS.embedDescription);
  if (fitted.footer !== undefined)
    fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footerText) };
  if (fitted.author !== undefined)
    fitted.author = { ...fitted.author, name: truncate(fitted.author.name, LIMITS.authorName) };
  if (fitted.fields !== undefined) fitted.fields = fitted.fields.slice(0, LIMITS.embedFields).map(fitField);

  while (embedTextLength(fitted) > LIMITS.embedTotal && (fitted.fields?.length ?? 0) > 0) {
    fitted.fields = fitted.fields?.slice(0, -1);
  }
  const excess = embedTextLength(fitted) - LIMITS.embedTotal;
  if (excess > 0 && fitted.description !== undefined) {
    fitted.description = truncate(fitted.description, Math.max(fitted.description.length - excess, 1));
  }
  if (embedTextLength(fitted) > LIMITS.embedTotal && fitted.footer !== undefined) {
    fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, 100) };
  }
  return fitted;
}
