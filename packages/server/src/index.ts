export { type AppOptions, createApp, type GuanxiApp } from './app';
export type { AppEnv } from './env';
export { createLogger } from './logger';
