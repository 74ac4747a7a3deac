/** @jsxImportSource hono/jsx */
import type { Role, Team, User } from '@guanxi/core';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { memberPath, teamPath } from '../paths';
import { CsrfField, FieldError, RoleSelect } from '../ui';

export type Member = User & { readonly role: Role };

export interface MemberForm {
  readonly values: Readonly<Record<'email' | 'name' | 'role', string>>;
  readonly errors: FieldErrors;
}

function AddMember({ team, csrf, form }: { team: Team; csrf: string; form?: MemberForm }) {
  const t = useMessages();
  const invalid = (name: string) => (form?.errors.has(name) ? 'invalid' : undefined);
  return (
    <section class="card">
      <h2>{t.addMember}</h2>
      <p class="caption">{t.addMemberHint}</p>
      <form method="post" action={teamPath(team.id, 'members')} class="row">
        <CsrfField token={csrf} />
        <label class={invalid('email')}>
          {t.email}
          <input type="email" name="email" required value={form?.values.email} />
          <FieldError message={form?.errors.get('email')} />
        </label>
        <label class={invalid('name')}>
          {t.name}
          <input type="text" name="name" required value={form?.values.name} />
          <FieldError message={form?.errors.get('name')} />
        </label>
        <label class={invalid('role')} for="new-member-role">
          {t.role}
          <RoleSelect id="new-member-role" name="role" value={form?.values.role ?? 'rep'} />
          <FieldError message={form?.errors.get('role')} />
        </label>
        <div class="submit">
          <button type="submit">{t.add}</button>
        </div>
      </form>
    </section>
  );
}

/** The team's members: their roles, a count of their keys, and a form to add one. */
export function MembersPage(props: {
  session: AdminSession;
  team: Team;
  members: readonly Member[];
  keyCounts: ReadonlyMap<number, number>;
  form?: MemberForm;
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, session } = props;
  return (
    <TeamLayout session={session} team={team} tab="members" notice={props.notice}>
      <section class="card flush">
        <table>
          <thead>
            <tr>
              <th>{t.name}</th>
              <th>{t.email}</th>
              <th>{t.role}</th>
              <th class="num">{t.activeKeys}</th>
              <th>{t.keys}</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((member) => (
              <tr data-member={member.id}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
                  <form
                    method="post"
                    action={`${memberPath(team.id, member.id)}/role`}
                    class="inline"
                  >
                    <CsrfField token={session.csrf} />
                    <RoleSelect name="role" value={member.role} />
                    <button type="submit" class="secondary">
                      {t.save}
                    </button>
                  </form>
                </td>
                <td class="num">{props.keyCounts.get(member.id) ?? 0}</td>
                <td>
                  <a href={memberPath(team.id, member.id)}>{t.manageKeys}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <AddMember team={team} csrf={session.csrf} form={props.form} />
    </TeamLayout>
  );
}
