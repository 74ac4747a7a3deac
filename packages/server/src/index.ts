export { type AppOptions, appUnderTest, createApp, type GuanxiApp } from './app';
export {
  BUNDLED_PLUGINS,
  type BundledPluginId,
  type BundledPluginsOptions,
  bundledPlugins,
} from './bundled-plugins';
export type { AppEnv } from './env';
export { createLogger } from './logger';
export type { ApiDoc, RouteDoc } from './openapi/api-doc';
export { type DemoSeedResult, type SeedDemoOptions, seedDemo } from './seed/demo';
export {
  type RunningServer,
  type ServerConfig,
  type StartServerOptions,
  serverConfigFromEnv,
  startServer,
} from './server';
export { DeliveryWorker, type DeliveryWorkerOptions } from './webhooks/delivery-worker';
export { sign, verify } from './webhooks/signature';
export {
  type Closable,
  runAsWorker,
  startWorkerPool,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-pool';
