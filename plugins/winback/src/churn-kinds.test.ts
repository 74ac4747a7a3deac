import { defined, expectInvalid, expectJson, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Churn, KindChange } from './churns';
import { type Kit, openKit } from './test-kit';

describe.each(testDialects())('churn kinds through the API on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  const kindOf = async (id: number) =>
    (await expectJson(await kit.rep('GET', `/customers/${id}/kind`), 200)) as {
      churn: Churn;
      changes: KindChange[];
    };
  const signal = async (customerId: number, kind: string) =>
    expectJson(await kit.rep('POST', '/signals', { customerId, kind, note: 'heard it' }), 201);

  test('each signal before churn gives its kind; fraud is let go with no playbook', async () => {
    const expected = {
      payment_failure: 'non_malicious',
      rival_offer: 'competitive',
      moved: 'natural',
      fraud: 'malicious',
    } as const;
    for (const [signalKind, kind] of Object.entries(expected)) {
      const id = await kit.customer(signalKind, [30]);
      await signal(id, signalKind);
      await kit.churn(id);
      const { churn } = await kindOf(id);
      expect(churn).toMatchObject({ kind, kindSource: 'signal' });
      expect(await kit.playbooks(id)).toHaveLength(kind === 'malicious' ? 0 : 1);
      if (kind === 'malicious') expect(churn.policy).toBe('let_go');
    }
  });

  test('a complaint open at churn makes it retaliatory; closing it does the first remedy', async () => {
    const id = await kit.customer('Angry', [30]);
    const complaints = `/v1/teams/${kit.teamId}/plugins/service/complaints`;
    const opened = (await expectJson(
      await kit.a.call('rep', 'POST', complaints, {
        customerId: id,
        cause: 'product_quality',
        summary: 'broken on arrival',
      }),
      201,
    )) as { complaint?: { id: number }; id?: number };
    const complaintId = defined(opened.complaint?.id ?? opened.id);
    await signal(id, 'rival_offer');
    await kit.churn(id);
    expect((await kindOf(id)).churn).toMatchObject({
      kind: 'retaliatory',
      kindSource: 'complaint',
    });
    const [playbook] = await kit.playbooks(id);
    expect(defined(playbook).name.en).toBe('Win back: resolve the complaint first');
    expect(defined(playbook).steps.map((s) => s.action)).toEqual([
      'investigate',
      'soothe',
      'resolve_complaint',
      'invite_back',
    ]);

    await expectJson(
      await kit.a.call('rep', 'POST', `${complaints}/${complaintId}/steps`, {
        to: 'recorded',
        valid: false,
        note: 'not our product',
      }),
      200,
    );
    const [after] = await kit.playbooks(id);
    expect(defined(after).steps[2]).toMatchObject({
      doneAt: expect.any(String),
      note: 'complaint closed',
    });
  });

  test('a closed complaint is not retaliatory; a rep’s reason names the kind; else natural', async () => {
    const calm = await kit.customer('Calm', [30]);
    const fault = await kit.customer('Fault', [30]);
    const complaints = `/v1/teams/${kit.teamId}/plugins/service/complaints`;
    const opened = (await expectJson(
      await kit.a.call('rep', 'POST', complaints, {
        customerId: calm,
        cause: 'service_attitude',
        summary: 'rude driver',
      }),
      201,
    )) as { complaint?: { id: number }; id?: number };
    const closing = { to: 'recorded', valid: false, note: 'driver was not ours' };
    const path = `${complaints}/${defined(opened.complaint?.id ?? opened.id)}/steps`;
    await expectJson(await kit.a.call('rep', 'POST', path, closing), 200);
    await kit.churn(calm, 'went quiet');
    await kit.churn(fault, 'our mistake: wrong goods shipped twice');
    expect((await kindOf(calm)).churn).toMatchObject({ kind: 'natural', kindSource: 'default' });
    expect((await kindOf(fault)).churn).toMatchObject({ kind: 'fault', kindSource: 'reason' });
    const [playbook] = await kit.playbooks(fault);
    expect(defined(playbook).steps[2]?.action).toBe('apologise_fix');
  });

  test('a rep corrects the kind: audited, and the playbook follows', async () => {
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id, 'went quiet');
    const res = await kit.rep('PUT', `/customers/${id}/kind`, {
      kind: 'competitive',
      reason: 'they told us a rival undercut us',
    });
    const body = (await expectJson(res, 200)) as { churn: Churn; changes: KindChange[] };
    expect(body.churn).toMatchObject({
      kind: 'competitive',
      kindSource: 'rep',
      policy: 'try_hard',
    });
    expect(body.changes).toEqual([
      {
        from: 'natural',
        to: 'competitive',
        reason: 'they told us a rival undercut us',
        actor: `user:${kit.a.userIds.rep}`,
        changedAt: '2024-06-01T00:00:00.000Z',
      },
    ]);
    const [playbook] = await kit.playbooks(id);
    expect(defined(playbook).name.en).toBe('Win back: match the rival');
    expect(defined(playbook).steps.map((s) => s.action)).toContain('match_offer');

    await expectJson(
      await kit.rep('PUT', `/customers/${id}/kind`, { kind: 'malicious', reason: 'fraud found' }),
      200,
    );
    expect((await kit.playbooks(id))[0]?.status).toBe('let_go');
    expect((await kindOf(id)).changes.map((c) => c.to)).toEqual(['competitive', 'malicious']);
  });

  test('bad input is 400 naming the field and stores nothing', async () => {
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id, 'went quiet');
    await expectInvalid(
      await kit.rep('PUT', `/customers/${id}/kind`, { kind: 'angry', reason: 'x' }),
      'kind',
    );
    await expectInvalid(await kit.rep('PUT', `/customers/${id}/kind`, { kind: 'fault' }), 'reason');
    await expectInvalid(
      await kit.rep('PUT', '/customers/abc/kind', { kind: 'fault', reason: 'x' }),
      'customerId',
    );
    await expectInvalid(
      await kit.rep('POST', '/signals', { customerId: id, kind: 'gossip' }),
      'kind',
    );
    await expectInvalid(await kit.rep('POST', '/signals', { kind: 'moved' }), 'customerId');
    await expectInvalid(await kit.rep('GET', '/playbooks?open=maybe'), 'open');
    expect(await kindOf(id)).toMatchObject({ churn: { kind: 'natural' }, changes: [] });
    const never = await kit.customer('Never churned', [30]);
    expect(
      (await kit.rep('PUT', `/customers/${never}/kind`, { kind: 'fault', reason: 'x' })).status,
    ).toBe(409);
  });

  test('another team sees none of it: 404', async () => {
    const { a } = kit;
    await a.t.core.plugins.enable(a.teamB, 'service', 'test');
    await a.t.core.plugins.enable(a.teamB, 'winback', 'test');
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id);
    const [playbook] = await kit.playbooks(id);
    const teamB = `/v1/teams/${a.teamB}/plugins/winback`;
    expect((await a.call('otherRep', 'GET', `${teamB}/customers/${id}/kind`)).status).toBe(404);
    expect(
      (
        await a.call('otherRep', 'PUT', `${teamB}/customers/${id}/kind`, {
          kind: 'fault',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await a.call('otherRep', 'GET', `${teamB}/playbooks/${defined(playbook).id}`)).status,
    ).toBe(404);
    expect(
      (
        await a.call(
          'otherRep',
          'POST',
          `${teamB}/playbooks/${defined(playbook).id}/steps/1/done`,
          {},
        )
      ).status,
    ).toBe(404);
    expect(
      (await a.call('otherRep', 'POST', `${teamB}/signals`, { customerId: id, kind: 'moved' }))
        .status,
    ).toBe(404);
    expect(
      (await a.call('otherRep', 'GET', `/v1/teams/${a.teamA}/plugins/winback/report`)).status,
    ).toBe(404);
    expect(
      await expectJson(await a.call('otherRep', 'GET', `${teamB}/playbooks?customerId=${id}`), 200),
    ).toEqual({
      playbooks: [],
    });
  });
});
