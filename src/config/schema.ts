/**
 * The environment dsp reads, assembled from one module per area (areas/): each declares its variables
 * (docs, problems) and how each is read. The areas' order is the order of the docs tables.
 */
import { z } from 'zod';
import { DEPLOYMENT_VARIABLES, deploymentFields } from './areas/deployment.js';
import { DISCORD_VARIABLES, discordFields } from './areas/discord.js';
import { FEATURED_VARIABLES, featuredFields } from './areas/featured.js';
import { CARD_VARIABLES, cardFields } from './areas/cards.js';
import { LIST_VARIABLES, listFields } from './areas/list.js';
import { METADATA_VARIABLES, metadataFields } from './areas/metadata.js';
import { OPERATIONS_VARIABLES, operationsFields } from './areas/operations.js';
import { UPDATES_VARIABLES, updatesFields } from './areas/updates.js';

export type { VariableSpec } from './field.js';
export { LOG_LEVELS, type LogLevel } from './areas/operations.js';
export { MAX_LIST_MAX_BYTES } from './areas/list.js';
export { CARD_STYLES, type CardStyle } from './areas/cards.js';

export const VARIABLES = {
  ...DISCORD_VARIABLES,
  ...LIST_VARIABLES,
  ...OPERATIONS_VARIABLES,
  ...FEATURED_VARIABLES,
  ...UPDATES_VARIABLES,
  ...CARD_VARIABLES,
  ...DEPLOYMENT_VARIABLES,
  ...METADATA_VARIABLES,
};

export type VariableName = keyof typeof VARIABLES;

/** The zod schema of the environment. Keys are variable names; values come out parsed. */
export const configSchema = z.object({
  ...discordFields,
  ...listFields,
  ...operationsFields,
  ...featuredFields,
  ...updatesFields,
  ...cardFields,
  ...deploymentFields,
  ...metadataFields,
});

/**
 * The validated configuration. Keys are the variable names; durations are milliseconds except
 * FEATURED_MIN_INTERVAL (seconds); LIST_MAX_BYTES is bytes.
 */
export type Config = z.output<typeof configSchema>;
