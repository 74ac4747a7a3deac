import type { InjectionToken } from 'tsyringe';
import type { Clock } from './clock';
import type { CoreApi } from './core-api';
import type { Logger } from './logger';
import type { Database } from './storage/database';

/** Explicit injection tokens: esbuild emits no decorator metadata to infer them from. */
export const CLOCK: InjectionToken<Clock> = Symbol('guanxi.clock');
export const LOGGER: InjectionToken<Logger> = Symbol('guanxi.logger');
export const DATABASE: InjectionToken<Database> = Symbol('guanxi.database');
/** The core API, bound to the transaction the plugin is running in. */
export const CORE: InjectionToken<CoreApi> = Symbol('guanxi.core');
export const PLUGIN_ID: InjectionToken<string> = Symbol('guanxi.pluginId');
