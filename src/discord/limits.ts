import type { Choice } from '../../commands/types.js';

export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A last safety net: whatever a module returns, Discord gets at most 25 choices of at most 100 characters. */
export function clampChoices(choices: readonly Choice[]): Choice[] {
  return choices.slice(0, MAX_CHOICES).map((choice) => ({
    name: cut(choice.name, MAX_CHOICE_LENGTH) || '…',
    value: Array.from(choice.value).slice(0, MAX_CHOICE_LENGTH).join(''),
  }));
}
