/** Reads `/dsp search query:raft hide:true` into a stand-in slash spec, typed by the registered definitions. */
import { missingSubcommand, unknownCommand, unknownSubcommand } from './command-help.js';

type Json = Record<string, unknown>;

export interface ParsedCommandLine {
  spec: {
    name: string;
    group?: string;
    subcommand?: string;
    options: Record<string, string | number | boolean>;
  };
  autocomplete?: { focused: string; value: string };
}

const SUBCOMMAND = 1;
const GROUP = 2;
const NUMERIC = new Set([4, 10]);
const BOOLEAN = 5;

function optionsOf(node: Json): Json[] {
  return Array.isArray(node.options) ? (node.options as Json[]) : [];
}

export function parseCommandLine(
  line: string,
  commands: readonly Json[],
): ParsedCommandLine | { error: string } {
  const match = /^\/(\S+)((?:\s+[^\s:]+(?=\s|$))*)(.*)$/.exec(line.trim());
  if (!match) return { error: 'Commands start with /, e.g. /dsp search query:raft' };
  const [, name = '', words = '', rest = ''] = match;
  let node = commands.find((command) => command.name === name);
  if (!node) return { error: unknownCommand(name, commands) };
  const spec: ParsedCommandLine['spec'] = { name, options: {} };
  let path = `/${name}`;
  for (const word of words.trim().split(/\s+/).filter(Boolean)) {
    const child: Json | undefined = optionsOf(node).find((option) => option.name === word);
    if (!child || (child.type !== SUBCOMMAND && child.type !== GROUP)) {
      return { error: unknownSubcommand(path, word, node) };
    }
    path = `${path} ${word}`;
    if (child.type === GROUP) spec.group = word;
    else spec.subcommand = word;
    node = child;
  }
  if (optionsOf(node).some((option) => option.type === SUBCOMMAND || option.type === GROUP)) {
    return { error: missingSubcommand(path, node) };
  }
  let autocomplete: ParsedCommandLine['autocomplete'];
  const pairs = [...rest.matchAll(/([\w-]+):(.*?)(?=\s+[\w-]+:|$)/g)];
  for (const [, key = '', raw = ''] of pairs) {
    const option = optionsOf(node).find((candidate) => candidate.name === key);
    if (!option)
      return {
        error: `No option "${key}". Options: ${optionsOf(node)
          .map((o) => String(o.name))
          .join(', ')}`,
      };
    let value = raw.trim();
    if (value.endsWith('?')) {
      value = value.slice(0, -1);
      autocomplete = { focused: key, value };
    }
    spec.options[key] =
      option.type === BOOLEAN ? value === 'true' : NUMERIC.has(Number(option.type)) ? Number(value) : value;
  }
  return autocomplete ? { spec, autocomplete } : { spec };
}
