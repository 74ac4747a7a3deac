export type { ConsoleOptions } from './admin/options';
export {
  type ApiDocument,
  type AppOptions,
  appUnderTest,
  createApp,
  type GuanxiApp,
} from './app';
export {
  BUNDLED_PLUGINS,
  type BundledPlugin,
  type BundledPluginId,
  type BundledPluginsOptions,
  bundled,
  bundledPlugins,
} from './bundled-plugins';
export { defineConfig, type GuanxiConfig } from './config/define-config';
export {
  CONFIG_FILES,
  type LoadProjectOptions,
  loadProject,
  type Project,
} from './config/load-project';
export type { ServerOptions } from './config/server-options';
export {
  DeferredWorker,
  type DeferredWorkerOptions,
  describeBacklog,
} from './deferred/deferred-worker';
export type { AppEnv } from './env';
export { createLogger } from './logger';
export { type DemoSeedResult, type SeedDemoOptions, seedDemo } from './seed/demo';
export {
  type RunningServer,
  type ServerConfig,
  type StartServerOptions,
  serverConfigFromEnv,
  startServer,
} from './server';
export { DeliveryWorker, type DeliveryWorkerOptions } from './webhooks/delivery-worker';
export type { ResolvedAddress, Resolver } from './webhooks/post';
export { sign, signatureHeader } from './webhooks/signature';
export {
  type Closable,
  runAsWorker,
  startWorkerPool,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-pool';
