import { Hono } from 'hono';
import { actorOf, requireRole, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { validate } from '../validate';
import { customerParams } from './params';

/** A customer's rights over their data: a copy of everything stored, and erasure. */
export function privacyRoutes(doc: ApiDoc) {
  const base = '/v1/teams/{teamId}/customers/{customerId}';
  doc.add({
    method: 'get',
    path: `${base}/export`,
    summary: "Everything stored about a customer, plugins' data included, as a JSON download",
    tag: 'Privacy',
    role: 'manager',
  });
  doc.add({
    method: 'post',
    path: `${base}/erase`,
    summary:
      'Erase a customer’s personal data in one transaction, keeping anonymous figures; audited',
    tag: 'Privacy',
    role: 'admin',
  });

  return new Hono<AppEnv>()
    .get(
      '/teams/:teamId/customers/:customerId/export',
      requireRole('manager'),
      validate('param', customerParams),
      async (c) => {
        const { customerId } = c.req.valid('param');
        const exported = await c.var.core.privacy.export(teamIdOf(c), customerId, {
          actor: actorOf(c),
        });
        c.header('content-disposition', `attachment; filename="customer-${customerId}.json"`);
        return c.json(exported);
      },
    )
    .post(
      '/teams/:teamId/customers/:customerId/erase',
      requireRole('admin'),
      validate('param', customerParams),
      async (c) => {
        const { customerId } = c.req.valid('param');
        return c.json(await c.var.core.privacy.erase(teamIdOf(c), customerId, actorOf(c)));
      },
    );
}
