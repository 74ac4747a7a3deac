import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { GuanxiError } from '../errors';

/**
 * Lent to one hook handler with its database handle; once the handler has finished or run
 * out of time, any query it still builds fails instead of writing into someone else's work.
 */
export class ExpiringAccess implements KyselyPlugin {
  readonly #owner: string;
  #expired = false;

  constructor(owner: string) {
    this.#owner = owner;
  }

  expire(): void {
    this.#expired = true;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#expired) {
      throw new GuanxiError(
        'GX_ERR_HOOK_EXPIRED',
        `${this.#owner} used its database handle after its handler had ended`,
      );
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
