import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Audit } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import type { ErasureCounts } from '../plugins/define-plugin';
import type { CoreTables } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { parseInput } from '../validation';
import { type CoreExport, eraseCore, exportCore } from './core-part';

/** Everything stored about one customer: the core's part and each installed plugin's. */
export interface CustomerExport {
  readonly teamId: number;
  readonly customerId: number;
  readonly exportedAt: string;
  readonly core: CoreExport;
  /** Each installed plugin's part by plugin id, whether the team has the plugin on or not. */
  readonly plugins: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Installed plugins that declare no `privacy` member: what they store is not in here. */
  readonly uncovered: readonly string[];
}

/** What an erasure changed, by kind of row; no erased value is in it. */
export interface ErasureSummary {
  readonly teamId: number;
  readonly customerId: number;
  readonly actor: string;
  readonly erasedAt: string;
  readonly core: ErasureCounts;
  /** Each plugin's counts by plugin id, for the plugins that erase anything. */
  readonly plugins: Readonly<Record<string, ErasureCounts>>;
  /** Installed plugins that declare no `privacy` member: what they store is left as it is. */
  readonly uncovered: readonly string[];
}

export interface ExportOptions {
  /** Who asks; given, the export is recorded in the audit log as `customer.exported`. */
  readonly actor?: string;
}

const actorSchema = z.string().trim().min(1, 'must say who').max(200);

/**
 * A customer's right to see and to be forgotten: export everything stored about them, or
 * erase their personal data and keep the anonymous figures. The core does its own tables;
 * each plugin its own, through its `privacy` member.
 */
export class Privacy {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /**
   * Everything stored about the customer, read in one transaction: the core's part, then each
   * installed plugin's. GX_ERR_NOT_FOUND if the customer is not in this team.
   */
  async export(
    teamId: number,
    customerId: number,
    options: ExportOptions = {},
  ): Promise<CustomerExport> {
    const actor =
      options.actor === undefined ? undefined : parseInput(actorSchema, options.actor, ['actor']);
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const core = await exportCore(this.#rt, trx, teamId, customerId);
      const plugins: Record<string, Readonly<Record<string, unknown>>> = {};
      for (const { plugin, ctx } of await this.#contexts(trx, teamId)) {
        if (plugin.privacy !== undefined) {
          plugins[plugin.id] = await plugin.privacy.export(customerId, ctx);
        }
      }
      const exportedAt = this.#rt.now();
      if (actor !== undefined) {
        await new Audit(this.#rt, trx).record({
          teamId,
          actor,
          action: 'customer.exported',
          entity: 'customer',
          entityId: customerId,
        });
      }
      return {
        teamId,
        customerId,
        exportedAt,
        core,
        plugins,
        uncovered: this.#uncovered(),
      };
    });
  }

  /**
   * Erases the customer's personal data in one transaction: the core's part, then every
   * installed plugin's eraser, enabled for the team or not. Any failure rolls all of it back.
   * The erasure is audited as `customer.erased` with the actor and the counts, not the data.
   */
  async erase(teamId: number, customerId: number, actor: string): Promise<ErasureSummary> {
    const who = parseInput(actorSchema, actor, ['actor']);
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const core = await eraseCore(this.#rt, trx, teamId, customerId);
      const plugins: Record<string, ErasureCounts> = {};
      for (const { plugin, ctx } of await this.#contexts(trx, teamId)) {
        const { privacy } = plugin;
        if (privacy?.erase !== undefined) plugins[plugin.id] = await privacy.erase(customerId, ctx);
      }
      const summary: ErasureSummary = {
        teamId,
        customerId,
        actor: who,
        erasedAt: this.#rt.now(),
        core,
        plugins,
        uncovered: this.#uncovered(),
      };
      await new Audit(this.#rt, trx).record({
        teamId,
        actor: who,
        action: 'customer.erased',
        entity: 'customer',
        entityId: customerId,
        after: { core, plugins, uncovered: summary.uncovered },
      });
      return summary;
    });
  }

  /** Every installed plugin with its context for the team on `trx`, in dependency order. */
  async #contexts(trx: Kysely<CoreTables>, teamId: number) {
    const team = await this.#rt.settings.forTeam(trx, teamId);
    return this.#rt.registry.plugins.map((plugin) => ({
      plugin,
      ctx: this.#rt.context(plugin.id, teamId, team, trx),
    }));
  }

  #uncovered(): string[] {
    return this.#rt.registry.plugins.filter((p) => p.privacy === undefined).map((p) => p.id);
  }
}
