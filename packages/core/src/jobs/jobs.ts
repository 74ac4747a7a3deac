import type { CoreRuntime } from '../core-runtime';
import { GuanxiError } from '../errors';
import { lockForTransaction } from '../storage/advisory-lock';

export interface JobInfo {
  /** `plugin:job`, as the CLI takes it. */
  readonly name: string;
  readonly description: string;
}

export interface RunJobOptions {
  readonly teamId: number;
  readonly args?: Readonly<Record<string, string>>;
}

/**
 * Batch work contributed by plugins (re-tiering, model fitting), run per team. One job
 * runs at most once at a time per team: a second run while the first is going is refused
 * with GX_ERR_JOB_RUNNING, whether it comes from this process or, on PostgreSQL, from
 * another server process on the same database.
 */
export class Jobs {
  readonly #rt: CoreRuntime;
  /** `team:plugin:job` of the runs going on in this process. */
  readonly #running = new Set<string>();

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

  /**
   * Runs one job for one team in a transaction; refused if the team has the plugin off,
   * or if the same job is already running for the team.
   */
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
    const key = `${options.teamId}:${pluginId}:${job}`;
    if (this.#running.has(key)) throw alreadyRunning(name, options.teamId);
    this.#running.add(key);
    try {
      return await this.#rt.database.db.transaction().execute(async (trx) => {
        if (!(await lockForTransaction(trx, `job:${key}`)))
          throw alreadyRunning(name, options.teamId);
        const team = await this.#rt.settings.forTeam(trx, options.teamId);
        if (!team.get(pluginId).enabled) {
          throw new GuanxiError(
            'GX_ERR_PLUGIN_DISABLED',
            `Plugin ${pluginId} is disabled for team ${options.teamId}`,
            { details: { plugin: pluginId, teamId: options.teamId } },
          );
        }
        const ctx = this.#rt.context(pluginId, options.teamId, team, trx);
        return definition.run({ ...ctx, args: options.args ?? {} });
      });
    } finally {
      this.#running.delete(key);
    }
  }
}

function alreadyRunning(name: string, teamId: number): GuanxiError {
  return new GuanxiError(
    'GX_ERR_JOB_RUNNING',
    `Job ${name} is already running for team ${teamId}; try again when it has finished`,
    { details: { job: name, teamId } },
  );
}
