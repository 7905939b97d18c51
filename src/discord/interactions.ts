/**
 * The one entry point for interactions: routes slash commands, components and message commands to
 * their modules and answers each exactly once, with its metric and one log line. Access checks,
 * deferral and autocomplete live beside it (access.ts, deferral.ts, autocomplete.ts).
 */
import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { CommandServices } from '../contracts/services.js';
import type { MessagePayload } from '../contracts/payload.js';
import { expiredNotice, notice } from '../../commands/lib/render.js';
import { invocationContext, refusal } from './access.js';
import { answerAutocomplete } from './autocomplete.js';
import { replyOrDefer, updateOrDefer } from './deferral.js';
import { toEdit, toReply, toUpdate } from './respond.js';
import { runMessageCommand, runMessageCommandComponent } from './message-commands.js';
import type { CommandRegistry } from './routes.js';
import {
  UNKNOWN_LABEL,
  componentLabel,
  componentModule,
  componentPrefixOf,
  metricLabels,
  readInvocation,
  type Invocation,
} from './routes.js';
import { replyWhileLoading } from './while-loading.js';

export type Outcome = 'ok' | 'denied' | 'unknown' | 'error' | 'loading';

export interface InteractionObserver {
  /** `command` is a registered route, a registered component's label, or `unknown`. */
  interaction(command: string, outcome: Outcome, seconds: number): void;
  autocomplete(seconds: number): void;
}

export interface InteractionHandlerDeps {
  registry: CommandRegistry;
  services: CommandServices;
  logger: Logger;
  ownerIds: ReadonlySet<string>;
  observer?: InteractionObserver;
  /** Defer a slow reply after this long, well inside Discord's 3 s window. */
  deferAfterMs?: number;
  /** False while the first list loads: interactions then get a short "loading" answer. */
  listLoaded?: () => boolean;
}

/** Turns every interaction into exactly one acknowledgement and one structured log line. */
export function createInteractionHandler(deps: InteractionHandlerDeps) {
  const deferAfterMs = deps.deferAfterMs ?? 1500;
  const knownLabels = metricLabels(deps.registry);

  return async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    if (interaction.isAutocomplete()) {
      await answerAutocomplete(interaction, deps);
      deps.observer?.autocomplete((performance.now() - started) / 1000);
      return;
    }
    if (interaction.isMessageContextMenuCommand()) {
      await answerMessageCommand(interaction, started);
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isMessageComponent()) return;

    const invocation = interaction.isChatInputCommand()
      ? readInvocation(interaction.commandName, interaction.options.data)
      : undefined;
    const label =
      invocation?.route ??
      componentLabel(componentPrefixOf((interaction as MessageComponentInteraction).customId));
    await answerOnce(interaction, started, {
      label,
      metricLabel: knownLabels.has(label) ? label : UNKNOWN_LABEL,
      options: invocation?.options,
      run: () =>
        interaction.isChatInputCommand() && invocation
          ? runCommand(interaction, invocation)
          : runComponent(interaction as MessageComponentInteraction),
    });
  };

  /**
   * Runs one answer: a failure gets a reference the user sees and the log keeps; then the metric
   * and one log line for the interaction, whatever the outcome.
   */
  async function answerOnce(
    interaction: Exclude<Interaction, AutocompleteInteraction>,
    started: number,
    {
      label,
      metricLabel,
      options,
      run,
    }: {
      label: string;
      metricLabel: string;
      options?: Invocation['options'] | undefined;
      run: () => Promise<Outcome>;
    },
  ): Promise<void> {
    const where = { interactionId: interaction.id, guildId: interaction.guildId ?? undefined };
    let outcome: Outcome;
    try {
      outcome = deps.listLoaded?.() === false ? await replyWhileLoading(interaction) : await run();
    } catch (error) {
      outcome = 'error';
      const reference = randomBytes(4).toString('hex');
      const log = deps.logger.child(where);
      log.error({ err: error, reference, command: label }, 'interaction failed');
      await reportFailure(interaction, reference, log);
    }
    const seconds = (performance.now() - started) / 1000;
    deps.observer?.interaction(metricLabel, outcome, seconds);
    deps.logger.info(
      {
        ...where,
        command: label,
        options,
        userId: interaction.user.id,
        latencyMs: Math.round(seconds * 10_000) / 10,
        outcome,
      },
      'interaction',
    );
  }

  async function runCommand(
    interaction: ChatInputCommandInteraction,
    { route, options }: Invocation,
  ): Promise<Outcome> {
    const module = deps.registry.byRoute.get(route);
    if (!module) {
      await interaction.reply(toReply(notice(`Unknown command \`/${route}\`. It may have been removed.`)));
      return 'unknown';
    }
    const refused = refusal(module, interaction, deps.ownerIds);
    if (refused) {
      await interaction.reply(toReply(notice(refused)));
      return 'denied';
    }
    // Admin and owner answers are for the invoker only, even when they have to be deferred.
    const ephemeral = options.hide === true || (module.access ?? 'everyone') !== 'everyone';
    const reply = (payload: MessagePayload) => interaction.reply(toReply(payload));
    const deferThenEdit = async (pending: Promise<MessagePayload>) => {
      await interaction.deferReply(ephemeral ? { flags: 64 } : {});
      await interaction.editReply(toEdit(await pending));
    };
    const result = module.execute({ ...invocationContext(interaction), options }, deps.services);
    await replyOrDefer(result, deferAfterMs, reply, deferThenEdit);
    return 'ok';
  }

  async function answerMessageCommand(interaction: MessageContextMenuCommandInteraction, started: number) {
    const label = `message ${interaction.commandName}`;
    const module = deps.registry.messageCommands?.get(interaction.commandName);
    await answerOnce(interaction, started, {
      label,
      metricLabel: label,
      run: async () => {
        if (!module) {
          await interaction.reply(toReply(notice(`Unknown command “${interaction.commandName}”.`)));
          return 'unknown';
        }
        await runMessageCommand(module, interaction, invocationContext(interaction), deps.services);
        return 'ok';
      },
    });
  }

  async function runComponent(interaction: MessageComponentInteraction): Promise<Outcome> {
    const prefix = componentPrefixOf(interaction.customId);
    const messageCommand = [...(deps.registry.messageCommands?.values() ?? [])].find(
      (candidate) => candidate.componentPrefix === prefix,
    );
    if (messageCommand) {
      await runMessageCommandComponent(
        messageCommand,
        interaction,
        invocationContext(interaction),
        deps.services,
      );
      return 'ok';
    }
    const module = componentModule(deps.registry, interaction.customId);
    if (!module?.component) {
      await interaction.reply(toReply(expiredNotice()));
      return 'unknown';
    }
    const refused = refusal(module, interaction, deps.ownerIds);
    if (refused) {
      await interaction.reply(toReply(notice(refused)));
      return 'denied';
    }
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    const pending = module.component(
      { ...invocationContext(interaction), customId: interaction.customId, values },
      deps.services,
    );
    const resolved =
      pending instanceof Promise ? await updateOrDefer(interaction, pending, deferAfterMs) : pending;
    if (resolved === 'deferred') return 'ok';
    if (resolved.kind === 'update') await interaction.update(toUpdate(resolved.payload));
    else await interaction.reply(toReply(resolved.payload));
    return 'ok';
  }

  async function reportFailure(interaction: Interaction, reference: string, log: Logger) {
    if (!interaction.isRepliable()) return;
    const payload = notice(`Something went wrong on our side. Reference: \`${reference}\`.`);
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(toReply(payload));
      else await interaction.reply(toReply(payload));
    } catch (error) {
      log.warn({ err: error, reference }, 'could not tell the user about the failure');
    }
  }
}
