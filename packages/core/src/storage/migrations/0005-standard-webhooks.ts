import { type Kysely, sql } from 'kysely';

const PREFIX = 'whsec_';

const WEBHOOK_COLUMNS = [
  'previous_secret',
  'previous_secret_expires_at',
  'failing_since',
  'disabled_reason',
  'disabled_at',
];

/**
 * Standard Webhooks: a message id per outbox row (`webhook-id`, the same on every attempt),
 * when its first attempt was made (retries stop some days later), the secret a rotation
 * replaced and until when it still signs, since when every attempt has failed, and why and
 * when a webhook stopped (`deactivated` by an admin, or `failing`).
 *
 * A secret is the base64 of its key. Older secrets were written in the URL-safe alphabet,
 * which the Standard Webhooks libraries refuse; those holding `-` or `_` are rewritten in
 * the standard alphabet: the same key bytes, spelled as the libraries read them. The others
 * are valid standard base64 already and stay as they were shown.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('message_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('outbox').addColumn('first_attempted_at', 'text').execute();
  await db.updateTable('outbox').set({ message_id: sql`'msg_' || cast(id as text)` }).execute();
  for (const column of WEBHOOK_COLUMNS) {
    await db.schema.alterTable('webhooks').addColumn(column, 'text').execute();
  }
  await db
    .updateTable('webhooks')
    .set({ disabled_reason: 'deactivated' })
    .where('active', '=', 0)
    .execute();
  const secrets = await db.selectFrom('webhooks').select(['id', 'secret']).execute();
  for (const { id, secret } of secrets as { id: number; secret: string }[]) {
    const text = secret.slice(PREFIX.length);
    if (!/[-_]/.test(text)) continue;
    await db
      .updateTable('webhooks')
      .set({ secret: `${PREFIX}${Buffer.from(text, 'base64url').toString('base64')}` })
      .where('id', '=', id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of WEBHOOK_COLUMNS) {
    await db.schema.alterTable('webhooks').dropColumn(column).execute();
  }
  await db.schema.alterTable('outbox').dropColumn('first_attempted_at').execute();
  await db.schema.alterTable('outbox').dropColumn('message_id').execute();
}
