/** Variables for how answers look: the card style, and the featured post's picture. */
import { field, readSwitch, required, type VariableSpec } from '../field.js';

/**
 * How cards and answers look: classic embeds, or Components V2 layouts (containers, sections
 * with thumbnails or buttons beside the text). Both are built from the same data.
 */
export const CARD_STYLES = ['embed', 'components'] as const;
export type CardStyle = (typeof CARD_STYLES)[number];

export const CARD_VARIABLES = {
  CARD_STYLE: {
    name: 'CARD_STYLE',
    description:
      'How answers look: embed (classic embeds) or components (layouts with a picture per project and a button per result).',
    defaultText: 'components',
    example: 'embed',
    expectation: `must be one of ${CARD_STYLES.join(', ')}`,
  },
  FEATURED_IMAGE: {
    name: 'FEATURED_IMAGE',
    description:
      "Show the repository's social preview image in featured posts (components card style only): on or off.",
    defaultText: 'on',
    example: 'off',
    expectation: 'must be on or off',
  },
} as const satisfies Record<string, VariableSpec>;

const V = CARD_VARIABLES;

export const cardFields = {
  CARD_STYLE: required<CardStyle>(
    field(
      V.CARD_STYLE,
      (text) => CARD_STYLES.find((style) => style === text.toLowerCase()),
      () => 'components' as const,
    ),
  ),
  FEATURED_IMAGE: required<boolean>(field(V.FEATURED_IMAGE, readSwitch, () => true)),
};
