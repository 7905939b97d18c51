import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import type {
  AutocompleteInteraction,
  BaseInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { InvocationContext, SubcommandModule } from '../../commands/types.js';
import type { CommandServices } from '../contracts/services.js';
import type { MessagePayload } from '../contracts/payload.js';
import { fitChoices } from '../../commands/lib/limits.js';
import { expiredNotice, notice } from '../../commands/lib/render.js';
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

export type Outcome = 'ok' | 'denied' | 'unknown' | 'error';

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
}

type Reply = (payload: MessagePayload) => Promise<unknown>;

/** Turns every interaction into exactly one acknowledgement and one structured log line. */
export function createInteractionHandler(deps: InteractionHandlerDeps) {
  const deferAfterMs = deps.deferAfterMs ?? 1500;
  const knownLabels = metricLabels(deps.registry);

  return async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    if (interaction.isAutocomplete()) {
      await answerAutocomplete(interaction);
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
      outcome = await run();
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

  function context(interaction: BaseInteraction): InvocationContext {
    return {
      userId: interaction.user.id,
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    };
  }

  function refusal(module: SubcommandModule, interaction: BaseInteraction): string | undefined {
    if ((module.guildOnly || module.access === 'manage-guild') && !interaction.inGuild()) {
      return 'This command only works in a server.';
    }
    if (
      module.access === 'manage-guild' &&
      !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)
    ) {
      return 'You need the **Manage Server** permission to do this.';
    }
    if (module.access === 'owner' && !deps.ownerIds.has(interaction.user.id)) {
      return 'Only the owners of this bot can do this.';
    }
    return undefined;
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
    const refused = refusal(module, interaction);
    if (refused) {
      await interaction.reply(toReply(notice(refused)));
      return 'denied';
    }
    // Admin and owner answers are for the invoker only, even when they have to be deferred.
    const ephemeral = options.hide === true || (module.access ?? 'everyone') !== 'everyone';
    const reply: Reply = (payload) => interaction.reply(toReply(payload));
    const deferThenEdit = async (pending: Promise<MessagePayload>) => {
      await interaction.deferReply(ephemeral ? { flags: 64 } : {});
      await interaction.editReply(toEdit(await pending));
    };
    const result = module.execute({ ...context(interaction), options }, deps.services);
    await settle(result, reply, deferThenEdit);
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
        await runMessageCommand(module, interaction, context(interaction), deps.services);
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
      await runMessageCommandComponent(messageCommand, interaction, context(interaction), deps.services);
      return 'ok';
    }
    const module = componentModule(deps.registry, interaction.customId);
    if (!module?.component) {
      await interaction.reply(toReply(expiredNotice()));
      return 'unknown';
    }
    const refused = refusal(module, interaction);
    if (refused) {
      await interaction.reply(toReply(notice(refused)));
      return 'denied';
    }
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    const pending = module.component(
      { ...context(interaction), customId: interaction.customId, values },
      deps.services,
    );
    const resolved = pending instanceof Promise ? await withDeferredUpdate(interaction, pending) : pending;
    if (resolved === 'deferred') return 'ok';
    if (resolved.kind === 'update') await interaction.update(toUpdate(resolved.payload));
    else await interaction.reply(toReply(resolved.payload));
    return 'ok';
  }

  /** A slow component answer: acknowledge in time, then edit the message it sits on. */
  async function withDeferredUpdate(
    interaction: MessageComponentInteraction,
    pending: ReturnType<NonNullable<SubcommandModule['component']>>,
  ) {
    const timer = delay(deferAfterMs);
    const first = await Promise.race([pending, timer.promise]);
    timer.cancel();
    if (first !== TIMED_OUT) return first;
    await interaction.deferUpdate();
    const late = await pending;
    if (late.kind === 'update') await interaction.editReply(toEdit(late.payload));
    else await interaction.followUp(toReply(late.payload));
    return 'deferred' as const;
  }

  async function settle(
    result: MessagePayload | Promise<MessagePayload>,
    reply: Reply,
    deferThenEdit: (pending: Promise<MessagePayload>) => Promise<void>,
  ) {
    if (!(result instanceof Promise)) {
      await reply(result);
      return;
    }
    const timer = delay(deferAfterMs);
    const first = await Promise.race([result, timer.promise]);
    timer.cancel();
    if (first === TIMED_OUT) await deferThenEdit(result);
    else await reply(first);
  }

  async function answerAutocomplete(interaction: AutocompleteInteraction) {
    const { route, options, focused } = readInvocation(interaction.commandName, interaction.options.data);
    const module = deps.registry.byRoute.get(route);
    let choices: ReturnType<NonNullable<SubcommandModule['autocomplete']>> = [];
    try {
      if (module?.autocomplete && focused) {
        choices = module.autocomplete(
          { ...context(interaction), focused: focused.name, value: focused.value, options },
          deps.services,
        );
      }
    } catch (error) {
      deps.logger.error({ err: error, command: route, interactionId: interaction.id }, 'autocomplete failed');
    }
    try {
      await interaction.respond(fitChoices(choices));
    } catch (error) {
      // Autocomplete answers race the user's typing; a late or superseded answer is not worth more than a debug line.
      deps.logger.debug({ err: error, command: route }, 'autocomplete answer not delivered');
    }
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

const TIMED_OUT = Symbol('timed out');

function delay(ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
