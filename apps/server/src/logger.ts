import pino, { type DestinationStream, type Logger } from 'pino';

/** Headers that carry a credential; their values never reach the logs. */
const credentialHeaders = ['api_access_token', 'authorization', 'cookie'];

/** Structured JSON logs on stdout (or the destination given); each request's lines carry its request id. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: credentialHeaders.map((name) => `req.headers.${name}`) };
  return destination ? pino(options, destination) : pino(options);
}
