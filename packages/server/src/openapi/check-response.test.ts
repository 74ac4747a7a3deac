import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routesApp } from '../validate';
import { defineRoute, json } from './define-route';

const route = defineRoute({
  method: 'get',
  path: '/count',
  operationId: 'getCount',
  summary: 'A count',
  tags: ['Test'],
  role: 'public',
  responses: { 200: json('The count', z.object({ n: z.number() })) },
});

/** What the handler answers, by the `answer` query parameter. */
const answers: Record<string, () => Response> = {
  declared: () => Response.json({ n: 1 }),
  wrongBody: () => Response.json({ n: 'one' }),
  undeclaredStatus: () => Response.json({ n: 1 }, { status: 418 }),
  wrongType: () => new Response('1', { headers: { 'content-type': 'text/plain' } }),
};

function appChecking(checkResponses: boolean) {
  const app = routesApp();
  app.use(async (c, next) => {
    c.set('checkResponses', checkResponses);
    await next();
  });
  // The answers are deliberately not what the route declares.
  app.openapi(route, (c) => (answers[c.req.query('answer') ?? 'declared'] as () => never)());
  return app;
}

describe('checking answers against their route', () => {
  it('passes an answer the route declares', async () => {
    const res = await appChecking(true).request('/count?answer=declared');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 1 });
  });

  it.each([
    ['wrongBody', /getCount answered what its definition does not say: .*n/],
    ['undeclaredStatus', /status 418 is not declared/],
    ['wrongType', /content type text\/plain is not declared for 200/],
  ])('turns %s into a 500 saying why', async (answer, why) => {
    const res = await appChecking(true).request(`/count?answer=${answer}`);
    expect(res.status).toBe(500);
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe('GX_ERR_CONTRACT');
    expect(problem.detail).toMatch(why);
  });

  it('leaves answers alone when checking is off, as in production', async () => {
    const res = await appChecking(false).request('/count?answer=wrongBody');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 'one' });
  });
});
