export { type AppOptions, createApp, type GuanxiApp } from './app';
export { bundledPlugins } from './bundled-plugins';
export type { AppEnv } from './env';
export { createLogger } from './logger';
export { DeliveryWorker, type DeliveryWorkerOptions } from './webhooks/delivery-worker';
export { sign, verify } from './webhooks/signature';
export {
  type Closable,
  runAsWorker,
  startWorkerPool,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-pool';
