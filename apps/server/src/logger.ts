import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; each request's lines carry its request id. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: ['req.headers.api_access_token', 'req.headers.authorization'] });
}
