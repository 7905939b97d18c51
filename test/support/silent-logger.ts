/** A real pino logger that writes nothing: it fits every logger dsp's code asks for, whole or in part. */
import { pino, type Logger } from 'pino';

export const silentLogger: Logger = pino({ level: 'silent' });
