import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '../../src/log/index.js';

const TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';

function capture(secrets: string[] = [TOKEN]) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line) => lines.push(line) },
    secrets,
  });
  return { logger, output: () => lines.join(''), records: () => lines.map((line) => JSON.parse(line)) };
}

describe('createLogger', () => {
  it('writes JSON lines with level names and child context', () => {
    const { logger, records } = capture();
    logger.child({ interactionId: 'i-1', guildId: 'g-1' }).info({ command: 'search' }, 'handled');
    expect(records()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'handled',
        interactionId: 'i-1',
        guildId: 'g-1',
        command: 'search',
      }),
    ]);
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => lines.push(line) } });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('the token never appears in logs', () => {
  const leaks: [string, (logger: ReturnType<typeof capture>['logger']) => void][] = [
    ['a token field', (logger) => logger.trace({ token: TOKEN }, 'login')],
    ['a nested token field', (logger) => logger.debug({ client: { token: TOKEN } })],
    ['the config object', (logger) => logger.info({ config: { DISCORD_TOKEN: TOKEN, HTTP_PORT: 8080 } })],
    [
      'request headers',
      (logger) => logger.info({ req: { headers: { authorization: `Bot ${TOKEN}` } } }, 'request'),
    ],
    [
      'nested headers',
      (logger) => logger.info({ rest: { headers: { authorization: `Bot ${TOKEN}` } } }, 'request'),
    ],
    ['an error message', (logger) => logger.error({ err: new Error(`login failed for ${TOKEN}`) }, 'boom')],
    ['an error logged directly', (logger) => logger.fatal(new Error(`bad token ${TOKEN}`))],
    ['a URL', (logger) => logger.warn({ url: `https://discord.com/api/x?token=${TOKEN}` }, 'fetch failed')],
    ['the message text', (logger) => logger.trace(`using token ${TOKEN} now`)],
    ['a format argument', (logger) => logger.trace('using %s', TOKEN)],
    ['a child binding', (logger) => logger.child({ auth: TOKEN }).info('child')],
    ['an array', (logger) => logger.info({ values: ['a', TOKEN] })],
  ];

  it.each(leaks)('in %s', (_name, leak) => {
    const { logger, output } = capture();
    leak(logger);
    expect(output()).not.toBe('');
    expect(output()).not.toContain(TOKEN);
    expect(output()).toContain(REDACTED);
  });

  it('redacts token fields by path even without the secret list', () => {
    const { logger, output } = capture([]);
    logger.info({
      token: TOKEN,
      config: { DISCORD_TOKEN: TOKEN },
      req: { headers: { authorization: TOKEN } },
    });
    expect(output()).not.toContain(TOKEN);
  });

  it('scrubs a secret holding characters that JSON escapes', () => {
    const odd = 'abc"def\\ghi';
    const { logger, output } = capture([odd]);
    logger.info({ note: `x ${odd} y` }, `and ${odd}`);
    expect(output()).not.toContain(JSON.stringify(odd).slice(1, -1));
    expect(output()).toContain(REDACTED);
  });

  it('leaves other text alone', () => {
    const { logger, records } = capture();
    logger.info({ guildId: '123', headers: { 'user-agent': 'dsp' } }, 'fine');
    expect(records()[0]).toMatchObject({ guildId: '123', headers: { 'user-agent': 'dsp' }, msg: 'fine' });
  });
});
