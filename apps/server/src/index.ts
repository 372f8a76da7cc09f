export { type AppOptions, createApp } from './app';
export type { Clock } from './config/clock';
export { loadConfig, type ServerConfig } from './config/config';
export { connectDatabase, type Database } from './db/connection';
export { migrateLatest } from './db/migrate';
export type { AuthFailureLimit } from './http/auth-failure-limit';
export { type RunningServer, startServer } from './server';
