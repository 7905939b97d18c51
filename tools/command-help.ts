/**
 * The playground's help, generated from the command definitions dsp registers (so a new subcommand or
 * option shows up without editing it), and the answers to a mistyped subcommand.
 */
type Json = Record<string, unknown>;

const SUBCOMMAND = 1;
const GROUP = 2;

/** What to type for an option of each type; the playground reads `#general` as its channel. */
const PLACEHOLDERS: Record<number, string> = {
  3: '<text>',
  4: '<integer>',
  5: 'true',
  6: '@user',
  7: '#channel',
  8: '@role',
  9: '@user-or-role',
  10: '<number>',
  11: '<file>',
};

const CONTEXT_MENU_TARGETS: Record<number, string> = { 2: 'a user', 3: 'a message' };

/** The environment variables the playground reads, as `help` lists them. */
export const PLAYGROUND_VARIABLES: readonly { name: string; meaning: string }[] = [
  {
    name: 'LIST_SOURCE',
    meaning: 'The awesome list to serve: a file path or an http(s) URL (default: the bundled list)',
  },
  {
    name: 'LOG_LEVEL',
    meaning: "dsp's log detail, on stderr: fatal, error, warn, info, debug, trace or silent (default: warn)",
  },
  { name: 'TZ', meaning: 'The time zone Discord times (<t:…>) are shown in (default: this machine’s)' },
  {
    name: 'PLAYGROUND_METADATA',
    meaning:
      'standin (default): stars, last push and health come from a local GitHub stand-in with made-up, ' +
      'stable facts for every repository (a few archived or deleted, no network; links are not checked); ' +
      'off: no project metadata',
  },
];

const optionsOf = (node: Json): Json[] => (Array.isArray(node.options) ? (node.options as Json[]) : []);
const isBranch = (option: Json) => option.type === SUBCOMMAND || option.type === GROUP;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

interface Leaf {
  /** `/dsp search`, `/dsp-admin featured set`. */
  path: string;
  /** The top-level command, `dsp-admin`. */
  command: string;
  options: Json[];
}

/** Every command a user can type: top-level commands without subcommands, and every subcommand. */
function leaves(commands: readonly Json[]): Leaf[] {
  const walk = (node: Json, path: string, command: string): Leaf[] => {
    const children = optionsOf(node);
    if (children.some(isBranch)) {
      return children.filter(isBranch).flatMap((child) => walk(child, `${path} ${str(child.name)}`, command));
    }
    return [{ path, command, options: children }];
  };
  return commands
    .filter((command) => (command.type ?? 1) === 1)
    .flatMap((command) => walk(command, `/${str(command.name)}`, str(command.name)));
}

function placeholder(option: Json): string {
  const choices = Array.isArray(option.choices) ? (option.choices as Json[]) : [];
  if (choices.length > 0) return choices.map((choice) => String(choice.value)).join('|');
  return PLACEHOLDERS[Number(option.type)] ?? '<value>';
}

/** `/dsp search query:<text> [hide:true]`: required options bare, the others in brackets. */
function usage(path: string, options: readonly Json[]): string {
  const typed = options.map((option) => {
    const pair = `${str(option.name)}:${placeholder(option)}`;
    return option.required === true ? pair : `[${pair}]`;
  });
  return [path, ...typed].join(' ');
}

function optionNotes(option: Json): string {
  const notes: string[] = [];
  if (option.autocomplete === true) notes.push('autocomplete');
  const { min_value: min, max_value: max } = option;
  if (typeof min === 'number' || typeof max === 'number') {
    notes.push(`${typeof min === 'number' ? min : '…'} to ${typeof max === 'number' ? max : '…'}`);
  }
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

/** One line per distinct option (name and meaning), with the commands that take it. */
function optionLines(all: readonly Leaf[]): string[] {
  const byMeaning = new Map<string, { typed: string; text: string; paths: Leaf[] }>();
  for (const leaf of all) {
    for (const option of leaf.options) {
      const key = `${str(option.name)}\u0000${str(option.description)}`;
      const entry = byMeaning.get(key) ?? {
        typed: `${str(option.name)}:${placeholder(option)}`,
        text: `${str(option.description)}${optionNotes(option)}`,
        paths: [],
      };
      entry.paths.push(leaf);
      byMeaning.set(key, entry);
    }
  }
  const width = Math.min(24, Math.max(0, ...[...byMeaning.values()].map((entry) => entry.typed.length)));
  return [...byMeaning.values()].map(({ typed, text, paths }) => {
    const command = paths[0]?.command ?? '';
    const everyOne =
      paths.length > 1 &&
      paths.every((leaf) => leaf.command === command) &&
      all.filter((leaf) => leaf.command === command).length === paths.length;
    const where = everyOne ? `every /${command} command` : paths.map((leaf) => leaf.path).join(', ');
    return `  ${typed.padEnd(width)}  ${text} · ${where}`;
  });
}

/** Who may use a command Discord hides from other members (`default_member_permissions`). */
const PERMISSION_NAMES: readonly [bigint, string][] = [
  [0x8n, 'Administrator'],
  [0x10n, 'Manage Channels'],
  [0x20n, 'Manage Server'],
];

function permissionNote(command: Json): string {
  const value = command.default_member_permissions;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return '';
  const bits = BigInt(value);
  if (bits === 0n) return ' (server admins only)';
  const named = PERMISSION_NAMES.filter(([bit]) => (bits & bit) !== 0n).map(([, name]) => name);
  return ` (members with ${named.length > 0 ? named.join(' and ') : 'special permissions'} only)`;
}

/** The `Commands` lines of one command: its groups as headings, each subcommand's usage and meaning. */
function commandLines(command: Json): string[] {
  const name = `/${str(command.name)}`;
  const leaf = (node: Json, path: string, indent: string): string[] => [
    `${indent}${usage(path, optionsOf(node))}`,
    `${indent}    ${str(node.description)}${node === command ? permissionNote(command) : ''}`,
  ];
  const walk = (node: Json, path: string, indent: string): string[] =>
    optionsOf(node)
      .filter(isBranch)
      .flatMap((child) => {
        const childPath = `${path} ${str(child.name)}`;
        return optionsOf(child).some(isBranch)
          ? [`${indent}${childPath} … — ${str(child.description)}`, ...walk(child, childPath, indent)]
          : leaf(child, childPath, indent);
      });
  if (!optionsOf(command).some(isBranch)) return leaf(command, name, '  ');
  return [
    `  ${name} — ${str(command.description)}${permissionNote(command)}`,
    ...walk(command, name, '    '),
  ];
}

/** `Commands` and `Options`: every command, subcommand and option in `commands`, with its description. */
export function commandReference(commands: readonly Json[]): string {
  const lines = ['Commands ([…] is optional):'];
  for (const command of commands.filter((candidate) => (candidate.type ?? 1) === 1)) {
    lines.push(...commandLines(command));
  }
  const menus = commands.filter((command) => CONTEXT_MENU_TARGETS[Number(command.type)] !== undefined);
  if (menus.length > 0) {
    lines.push('', 'Context menu commands (Apps, on a message or a user):');
    for (const menu of menus)
      lines.push(`  "${str(menu.name)}" on ${CONTEXT_MENU_TARGETS[Number(menu.type)]}`);
  }
  const options = optionLines(leaves(commands));
  if (options.length > 0) lines.push('', 'Options:', ...options);
  return lines.join('\n');
}

/** The subcommands and groups under a node: `search, random` or `featured set|status, reload`. */
export function subcommandChoices(node: Json): string {
  return optionsOf(node)
    .filter(isBranch)
    .map((child) => {
      const grandchildren = optionsOf(child).filter(isBranch);
      return grandchildren.length > 0
        ? `${str(child.name)} ${grandchildren.map((grandchild) => str(grandchild.name)).join('|')}`
        : str(child.name);
    })
    .join(', ');
}

/** `/dsp has no subcommand "nope". Choose one of: search, random, …`. */
export function unknownSubcommand(path: string, word: string, node: Json): string {
  const choices = subcommandChoices(node);
  if (choices !== '') return `${path} has no subcommand "${word}". Choose one of: ${choices}`;
  const options = optionsOf(node).map((option) => str(option.name));
  return `${path} has no subcommand "${word}": type its options as name:value (${options.join(', ') || 'it has none'})`;
}

/** `/dsp-admin featured needs a subcommand: set, status, …`. */
export function missingSubcommand(path: string, node: Json): string {
  return `${path} needs a subcommand: ${subcommandChoices(node)}`;
}

/** `Unknown command /nope. Commands: /dsp, /dsp-admin`. */
export function unknownCommand(name: string, commands: readonly Json[]): string {
  const names = commands
    .filter((command) => (command.type ?? 1) === 1)
    .map((command) => `/${str(command.name)}`);
  return `Unknown command /${name}. Commands: ${names.join(', ') || '(none registered yet)'} (help lists them all)`;
}

/** How to talk to dsp in the playground: the banner shows this, and `help` starts with it. */
export const PLAYGROUND_USAGE = `Type a slash command as you would in Discord, options as name:value:
  /dsp search query:raft
  /dsp search query:queue language:Go hide:true
  /dsp random category:Queues
  /dsp-admin featured set channel:#general schedule:weekly timezone:Europe/Berlin
  /dsp-admin updates set channel:#general category:Databases role:@list-watchers
  /dsp search query:raft target:@alice
  find Compare etcd with Zookeper, or https://github.com/cockroachdb/cockroach
End an option with ? to see its autocomplete suggestions:  /dsp search query:raf?
Type a button's number to press it (for a menu: number, space, option number).
You are the server's manager and a bot owner; #general is the server's channel, @list-watchers a role,
@alice another member.
Stars, last pushes and health markers are made up by a local GitHub stand-in (PLAYGROUND_METADATA).
"posts" shows what dsp posted in #general by itself (featured posts, list-update digests).
"help" lists every command, option and the variables the playground reads; "exit" quits.`;

/** `help`: how to type, every command and option, the playground's own words and its variables. */
export function playgroundHelp(
  commands: readonly Json[],
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const width = Math.max(...PLAYGROUND_VARIABLES.map((variable) => variable.name.length));
  return [
    PLAYGROUND_USAGE,
    '',
    commandReference(commands),
    '',
    'Playground words:',
    '  help        this text',
    '  exit, quit  stop dsp and the stand-in, and delete the playground’s state (Ctrl-C or Ctrl-D too)',
    '  <n> [<m>]   press button n of the last answer (or pick option m of menu n)',
    '  posts       what dsp posted in #general by itself since last asked (featured posts, digests)',
    '  find <text> post <text> in #general as you, then run "Find projects" (Apps) on that message',
    '',
    'Environment variables it reads:',
    ...PLAYGROUND_VARIABLES.map(({ name, meaning }) => `  ${name.padEnd(width)}  ${meaning}`),
    `  (times are shown now in ${timeZone})`,
  ].join('\n');
}
