import { readFileSync } from 'node:fs';
/** The playground's help and its answers to a mistyped command, generated from the registered definitions. */
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../src/discord/commands.js';
import { PLAYGROUND_VARIABLES, commandReference, playgroundHelp } from '../../tools/command-help.js';
import { parseCommandLine } from '../../tools/command-line.js';

type Json = Record<string, unknown>;
const definitions = COMMAND_DEFINITIONS as unknown as Json[];
const optionsOf = (node: Json): Json[] => (Array.isArray(node.options) ? (node.options as Json[]) : []);
const isBranch = (option: Json) => option.type === 1 || option.type === 2;

/** Every typed command (`/dsp search`) with its options, straight from the definitions. */
function leaves(node: Json, path: string): { path: string; options: Json[] }[] {
  const children = optionsOf(node);
  return children.some(isBranch)
    ? children.filter(isBranch).flatMap((child) => leaves(child, `${path} ${String(child.name)}`))
    : [{ path, options: children }];
}
// Typed commands only: message context-menu commands ("Find projects") are not typed.
const allLeaves = definitions
  .filter((command) => (command.type ?? 1) === 1)
  .flatMap((command) => leaves(command, `/${String(command.name)}`));

describe('playground help', () => {
  const help = playgroundHelp(definitions, 'Asia/Tokyo');
  const reference = commandReference(definitions);

  it('lists every command and subcommand with its options and description', () => {
    expect(help).toContain(reference);
    const lines = reference.split('\n');
    expect(allLeaves.length).toBeGreaterThan(10);
    for (const { path, options } of allLeaves) {
      const usage = lines.find((line) => line.trim() === path || line.trim().startsWith(`${path} `));
      expect(usage, path).toBeDefined();
      for (const option of options)
        expect(usage, `${path} ${String(option.name)}`).toContain(`${String(option.name)}:`);
    }
    for (const command of definitions) {
      for (const option of optionsOf(command).flatMap((o) => [
        o,
        ...optionsOf(o),
        ...optionsOf(o).flatMap(optionsOf),
      ]))
        expect(help).toContain(String(option.description));
    }
  });

  it('names the commands and options the issue asks for', () => {
    expect(help).toContain('  /dsp featured [hide:true]');
    expect(help).toContain('  /dsp-admin featured preview');
    expect(help).toContain('  /dsp-admin featured history');
    expect(help).toContain(
      '  /dsp search query:<text> [category:<text>] [language:<text>] [tag:<text>] [sort:relevance|stars|activity] [active:true] [target:@user] [hide:true]',
    );
    expect(help).toMatch(/^ {2}hide:true +Show the answer only to you .* · every \/dsp command$/m);
    expect(help).toMatch(
      /^ {2}category:<text> +Only projects in this category \(autocomplete\) · \/dsp search, \/dsp random$/m,
    );
    expect(help).toMatch(/^ {2}help +this text$/m);
    // "Find projects" is not typed: the playground runs it on a message you type.
    expect(help).toMatch(/^ {2}find <text> +post <text> in #general as you, then run "Find projects"/m);
    expect(help).toContain('/dsp search query:raft target:@alice');
    expect(help).toMatch(/^ {2}exit, quit +/m);
  });

  it('documents the environment variables the playground reads', () => {
    // Every variable tools/playground.ts reads (TZ is read by Node itself), and no other.
    const source = readFileSync(new URL('../../tools/playground.ts', import.meta.url), 'utf8');
    const read = [...source.matchAll(/process\.env\.([A-Z_]+)/g)].map((match) => match[1]);
    expect(PLAYGROUND_VARIABLES.map((variable) => variable.name).sort()).toEqual(
      [...new Set([...read, 'TZ'])].sort(),
    );
    for (const { name } of PLAYGROUND_VARIABLES) expect(help).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    expect(help).toContain('times are shown now in Asia/Tokyo');
  });

  it('describes options and commands added later without being edited', () => {
    const more: Json[] = [
      {
        name: 'dsp-admin',
        description: 'Set up dsp',
        options: [
          {
            type: 1,
            name: 'updates',
            description: 'Follow list changes',
            options: [
              { type: 6, name: 'target', description: 'Who to tell', required: true },
              { type: 4, name: 'limit', description: 'How many', min_value: 1, max_value: 25 },
              {
                type: 3,
                name: 'mode',
                description: 'How',
                choices: [
                  { name: 'On', value: 'on' },
                  { name: 'Off', value: 'off' },
                ],
              },
            ],
          },
        ],
      },
      { type: 3, name: 'Find projects like this' },
    ];
    const reference = commandReference(more);
    expect(reference).toContain('  /dsp-admin updates target:@user [limit:<integer>] [mode:on|off]');
    expect(reference).toContain('How many (1 to 25)');
    expect(reference).toContain('"Find projects like this" on a message');
  });
});

describe('a mistyped command', () => {
  const error = (line: string) => {
    const parsed = parseCommandLine(line, definitions);
    return 'error' in parsed ? parsed.error : undefined;
  };
  const dsp = definitions.find((command) => command.name === 'dsp') ?? {};

  it('answers an unknown subcommand with the valid ones', () => {
    const valid = optionsOf(dsp).map((option) => String(option.name));
    expect(valid).toContain('featured');
    expect(error('/dsp nope')).toBe(`/dsp has no subcommand "nope". Choose one of: ${valid.join(', ')}`);
    expect(error('/dsp-admin nope')).toBe(
      '/dsp-admin has no subcommand "nope". Choose one of: featured set|status|off|resume|preview|history, updates set|status|preview|off, reload, health',
    );
    expect(error('/dsp-admin featured nope')).toBe(
      '/dsp-admin featured has no subcommand "nope". Choose one of: set, status, off, resume, preview, history',
    );
  });

  it('says which subcommands a command needs, and which options a subcommand takes', () => {
    expect(error('/dsp-admin featured')).toBe(
      '/dsp-admin featured needs a subcommand: set, status, off, resume, preview, history',
    );
    expect(error('/dsp search raft')).toBe(
      '/dsp search has no subcommand "raft": type its options as name:value (query, category, language, tag, sort, active, target, hide)',
    );
    expect(error('/nope')).toBe('Unknown command /nope. Commands: /dsp, /dsp-admin (help lists them all)');
  });
});
