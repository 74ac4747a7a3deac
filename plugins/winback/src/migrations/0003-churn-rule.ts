import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
type AnyDb = Kysely<any>;

/** The detection rules and the reasons the detection job wrote under each, before it kept the rule. */
const REASONS = [
  ['p_alive', 'P(alive) % under %'],
  ['one_order', 'no order for % days, over % after a single order'],
  ['median_gap', 'no order for % days, over % (% × the median gap)'],
] as const;

/**
 * Which detection rule churned a customer: `p_alive`, `median_gap` or `one_order`; null when a
 * person moved them. Churns from before are read from the reasons the detection job wrote.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('winback_churns').addColumn('rule', 'text').execute();
  for (const [rule, reason] of REASONS) {
    await sql`update winback_churns set rule = ${rule}
      where rule is null and reason like ${reason}`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('winback_churns').dropColumn('rule').execute();
}
