import type { CoreRuntime } from '../core-runtime';
import { GuanxiError } from '../errors';

export interface JobInfo {
  /** `plugin:job`, as the CLI takes it. */
  readonly name: string;
  readonly description: string;
}

export interface RunJobOptions {
  readonly teamId: number;
  readonly args?: Readonly<Record<string, string>>;
}

/** Batch work contributed by plugins (re-tiering, model fitting), run per team. */
export class Jobs {
  readonly #rt: CoreRuntime;

  constructor(rt: CoreRuntime) {
    this.#rt = rt;
  }

  list(): JobInfo[] {
    return this.#rt.registry.plugins.flatMap((plugin) =>
      Object.entries(plugin.jobs ?? {}).map(([job, definition]) => ({
        name: `${plugin.id}:${job}`,
        description: definition.description,
      })),
    );
  }

  /** Runs one job for one team in a transaction; refused if the team has the plugin off. */
  async run(name: string, options: RunJobOptions): Promise<Readonly<Record<string, unknown>>> {
    const [pluginId = '', job = ''] = name.split(':');
    const plugin = this.#rt.registry.get(pluginId);
    const definition = plugin.jobs?.[job];
    if (definition === undefined) {
      throw new GuanxiError('GX_ERR_JOB_UNKNOWN', `Plugin ${pluginId} has no job "${job}"`, {
        issues: [{ path: 'job', message: 'unknown job' }],
        details: { known: this.list().map((j) => j.name) },
      });
    }
    return this.#rt.database.db.transaction().execute(async (trx) => {
      const setting = (await this.#rt.settings.forTeam(trx, options.teamId)).get(pluginId);
      if (!setting.enabled) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DISABLED',
          `Plugin ${pluginId} is disabled for team ${options.teamId}`,
          { details: { plugin: pluginId, teamId: options.teamId } },
        );
      }
      const ctx = this.#rt.context(pluginId, options.teamId, setting.config, trx);
      return definition.run({ ...ctx, args: options.args ?? {} });
    });
  }
}
