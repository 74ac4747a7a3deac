import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  expectInvalid,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Complaint } from './complaints/complaint';
import service from './index';

describe.each(testDialects())('service routes through the API on %s', (dialect) => {
  let a: TestApp;
  let acme: number;
  let stranger: number;
  const path = (teamId: number, rest: string) => `/v1/teams/${teamId}/plugins/service${rest}`;

  beforeAll(async () => {
    a = await createTestApp({
      dialect,
      plugins: [scoring, tiering, service],
      app: appUnderTest(),
    });
    for (const team of [a.teamA, a.teamB]) await a.t.core.plugins.enable(team, 'service', 'test');
    acme = (await a.t.core.customers.create(a.teamA, { kind: 'company', name: 'Acme' })).id;
    stranger = (await a.t.core.customers.create(a.teamB, { kind: 'person', name: 'Eve' })).id;
  });
  afterAll(() => a.destroy());

  test('a rep opens, steps, lists, surveys and reads measures', async () => {
    const opened = await expectJson<Complaint>(
      await a.call('rep', 'POST', path(a.teamA, '/complaints'), {
        customerId: acme,
        cause: 'product_quality',
        summary: 'Broken hinge',
        channel: 'email',
      }),
      201,
    );
    expect(opened).toMatchObject({ step: 'received', recordedBy: `user:${a.userIds.rep}` });
    const stepped = await expectJson<Complaint>(
      await a.call('rep', 'POST', path(a.teamA, `/complaints/${opened.id}/steps`), {
        to: 'recorded',
        valid: true,
        note: 'hinge batch 7',
      }),
      200,
    );
    expect(stepped.steps.at(-1)).toMatchObject({ to: 'recorded', actor: `user:${a.userIds.rep}` });
    const list = await expectJson<{ items: Complaint[] }>(
      await a.call('rep', 'GET', path(a.teamA, `/complaints?customerId=${acme}&open=true`)),
      200,
    );
    expect(list.items.map((c) => c.id)).toContain(opened.id);
    await expectJson(
      await a.call('rep', 'POST', path(a.teamA, '/surveys'), {
        customerId: acme,
        kind: 'nps',
        score: 9,
        items: { trust: 5 },
      }),
      201,
    );
    const measures = await expectJson(await a.call('rep', 'GET', path(a.teamA, '/measures')), 200);
    expect(measures).toMatchObject({ nps: { responses: 1, score: 100 } });
  });

  test('bad input is 400 naming the field, and stores nothing', async () => {
    for (const score of [0, 6]) {
      await expectInvalid(
        await unchanged(a, () =>
          a.call('rep', 'POST', path(a.teamA, '/surveys'), {
            customerId: acme,
            kind: 'csat',
            score,
          }),
        ),
        'score',
      );
    }
    await expectInvalid(
      await unchanged(a, () =>
        a.call('rep', 'POST', path(a.teamA, '/complaints'), {
          customerId: acme,
          cause: 'weather',
          summary: 'Rain',
        }),
      ),
      'cause',
    );
    await expectInvalid(
      await a.call('rep', 'POST', path(a.teamA, '/complaints'), {
        customerId: acme,
        cause: 'other',
        summary: '  ',
      }),
      'summary',
    );
    await expectInvalid(
      await a.call('rep', 'POST', path(a.teamA, '/complaints/1/steps'), { to: 'done' }),
      'to',
    );
    await expectInvalid(await a.call('rep', 'GET', path(a.teamA, '/complaints/x')), 'id');
    await expectInvalid(
      await a.call('rep', 'GET', path(a.teamA, '/measures?customerId=-1')),
      'customerId',
    );
  });

  test('an illegal move is 409 naming the step', async () => {
    const { id } = await expectJson<Complaint>(
      await a.call('rep', 'POST', path(a.teamA, '/complaints'), {
        customerId: acme,
        cause: 'other',
        summary: 'Noise',
      }),
      201,
    );
    const problem = await expectProblem(
      await a.call('rep', 'POST', path(a.teamA, `/complaints/${id}/steps`), { to: 'closed' }),
      409,
      'GX_ERR_CONFLICT',
    );
    expect(problem.detail).toContain('step received');
  });

  test('another team’s customers and complaints are 404', async () => {
    const theirs = await expectJson<Complaint>(
      await a.call('otherRep', 'POST', path(a.teamB, '/complaints'), {
        customerId: stranger,
        cause: 'other',
        summary: 'Cold coffee',
      }),
      201,
    );
    const notFound = (res: Response) => expectProblem(res, 404, 'GX_ERR_NOT_FOUND');
    await notFound(
      await a.call('rep', 'POST', path(a.teamA, '/complaints'), {
        customerId: stranger,
        cause: 'other',
        summary: 'x',
      }),
    );
    await notFound(await a.call('rep', 'GET', path(a.teamA, `/complaints/${theirs.id}`)));
    await notFound(
      await a.call('rep', 'POST', path(a.teamA, `/complaints/${theirs.id}/steps`), {
        to: 'recorded',
        valid: true,
      }),
    );
    await notFound(await a.call('rep', 'GET', path(a.teamA, `/complaints?customerId=${stranger}`)));
    await notFound(await a.call('rep', 'GET', path(a.teamA, `/measures?customerId=${stranger}`)));
    await notFound(
      await a.call('rep', 'POST', path(a.teamA, '/surveys'), {
        customerId: stranger,
        kind: 'nps',
        score: 3,
      }),
    );
    await notFound(await a.call('otherRep', 'GET', path(a.teamA, '/measures')));
  });

  test('callers without a valid key get nothing', async () => {
    await expectProblem(await a.call('none', 'GET', path(a.teamA, '/measures')), 401);
    await expectProblem(await a.call('revoked', 'GET', path(a.teamA, '/measures')), 401);
  });
});
