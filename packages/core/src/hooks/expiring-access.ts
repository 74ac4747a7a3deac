import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { GuanxiError } from '../errors';

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Lent to one hook handler with its database handle; once the handler has finished or run
 * out of time, any query it still builds fails instead of writing into someone else's work.
 */
export class ExpiringAccess implements KyselyPlugin {
  readonly #owner: string;
  readonly #readOnly: boolean;
  #expired = false;

  /** `readOnly`: inserts, updates and deletes built on the handle fail too. */
  constructor(owner: string, { readOnly = false }: { readonly readOnly?: boolean } = {}) {
    this.#owner = owner;
    this.#readOnly = readOnly;
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
    if (this.#readOnly && WRITES.has(args.node.kind)) {
      throw new GuanxiError(
        'GX_ERR_READ_ONLY',
        `${this.#owner} may only read here; its writes belong in the part that runs in a transaction`,
      );
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
