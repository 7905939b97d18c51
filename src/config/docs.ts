import { VARIABLES, type VariableSpec } from './schema.js';

const specs = (): VariableSpec[] => Object.values(VARIABLES);

function defaultCell(spec: VariableSpec): string {
  if (spec.defaultText === undefined) return '(unset)';
  if (spec.defaultText === '') return '(empty)';
  return spec.name === 'LIST_SOURCE' ? spec.defaultText : `\`${spec.defaultText}\``;
}

/** The Markdown table kept in docs/configuration.md (a test keeps the two in step). */
export function configurationTable(): string {
  const rows = specs().map(
    (spec) => `| \`${spec.name}\` | ${defaultCell(spec)} | \`${spec.example}\` | ${spec.description} |`,
  );
  return ['| Variable | Default | Example | What it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The shorter table in the README: the same names, defaults and descriptions, without examples. */
export function readmeConfigurationTable(): string {
  const rows = specs().map((spec) => `| \`${spec.name}\` | ${defaultCell(spec)} | ${spec.description} |`);
  return ['| Variable | Default | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The text of .env.example: every variable with a comment, defaults commented in. */
export function envExample(): string {
  const blocks = specs().map((spec) => {
    const value = spec.name === 'LIST_SOURCE' || spec.defaultText === undefined ? '' : spec.defaultText;
    const assignment = spec.name === 'DISCORD_TOKEN' ? 'DISCORD_TOKEN=' : `# ${spec.name}=${value}`;
    const note = spec.name === 'LIST_SOURCE' ? ` Default: ${spec.defaultText}.` : '';
    return `# ${spec.description}${note}\n${assignment}`;
  });
  const header =
    '# dsp configuration. Copy to .env and fill in DISCORD_TOKEN; every other line shows the default.\n' +
    '# Real environment variables win over this file. Full reference: docs/configuration.md\n';
  return `${header}\n${blocks.join('\n\n')}\n`;
}
