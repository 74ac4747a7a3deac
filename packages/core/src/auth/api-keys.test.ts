import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';

describe.each(testDialects())('API keys on %s', (dialect) => {
  let t: TestCore;
  let north: number;
  let south: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
    north = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    south = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
  });
  afterEach(() => t.destroy());

  const user = async (email: string, roles: [number, 'admin' | 'manager' | 'rep'][]) => {
    const created = await t.core.users.create({ email, name: email });
    for (const [team, role] of roles) await t.core.users.setRole(team, created.id, role);
    return created.id;
  };

  test('a key is shown once, stored hashed, and resolves to the roles of its user', async () => {
    const id = await user('ada@x.com', [
      [north, 'admin'],
      [south, 'rep'],
    ]);
    const created = await t.core.apiKeys.create(id, 'laptop');
    expect(created.key).toMatch(/^gx_[A-Za-z0-9_-]{43}$/);
    const stored = await t.core.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(stored.hash).not.toContain(created.key);
    expect(JSON.stringify(await t.core.apiKeys.list(id))).not.toContain(created.key);
    const principal = defined(await t.core.apiKeys.authenticate(created.key));
    expect([...principal.roles]).toEqual([
      [north, 'admin'],
      [south, 'rep'],
    ]);
    await t.core.apiKeys.revoke(created.id);
    expect(await t.core.apiKeys.authenticate(created.key)).toBeUndefined();
    expect(await t.core.apiKeys.authenticate('gx_not-a-real-key')).toBeUndefined();
  });

  test('changes through this process count at once, through another within a second', async () => {
    const id = await user('bo@x.com', [[north, 'rep']]);
    const { key, id: keyId } = await t.core.apiKeys.create(id, 'phone');
    const other = await t.reopen();
    const roles = async () => [...defined(await t.core.apiKeys.authenticate(key)).roles];
    expect(await roles()).toEqual([[north, 'rep']]);
    await t.core.users.setRole(south, id, 'manager');
    expect(await roles()).toEqual([
      [north, 'rep'],
      [south, 'manager'],
    ]);
    await t.core.users.removeFromTeam(south, id);
    expect(await roles()).toEqual([[north, 'rep']]);

    expect(await other.apiKeys.authenticate(key)).toBeDefined();
    await t.core.apiKeys.revoke(keyId);
    expect(await t.core.apiKeys.authenticate(key)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(await other.apiKeys.authenticate(key)).toBeUndefined();
  });

  test('only an admin of every team of a user may manage their keys', async () => {
    const northAdmin = defined(
      await t.core.apiKeys.authenticate(
        (await t.core.apiKeys.create(await user('n@x.com', [[north, 'admin']]), 'k')).key,
      ),
    );
    const southAdminId = await user('s@x.com', [[south, 'admin']]);
    const northRep = await user('r@x.com', [[north, 'rep']]);
    await expect(t.core.apiKeys.assertManageable(northAdmin, northRep)).resolves.toBeUndefined();
    // North's admin adds South's admin to North: that must not let them mint a key that works in South.
    await t.core.users.setRole(north, southAdminId, 'rep');
    await expect(t.core.apiKeys.assertManageable(northAdmin, southAdminId)).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
  });
});
