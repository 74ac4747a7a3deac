/** @jsxImportSource hono/jsx */
import { LOCALES, type Team } from '@guanxi/core';
import type { Child } from 'hono/jsx';
import type { AdminSession } from './env';
import { useMessages } from './i18n';
import type { Notice } from './messages';
import { ADMIN, type TeamTab, teamPath } from './paths';
import { CSS } from './styles';
import { ActionButton, NoticeBanner } from './ui';

const TABS: readonly TeamTab[] = [
  'overview',
  'members',
  'modules',
  'webhooks',
  'hook-failures',
  'settings',
];

/** The HTML document around every page: metadata and the stylesheet. */
export function Document({ title, children }: { title: string; children?: Child }) {
  const t = useMessages();
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t.brand} ${t.console}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>{children}</body>
    </html>
  );
}

export function LanguageLinks({ path }: { path: string }) {
  const t = useMessages();
  return (
    <nav class="langs" aria-label={t.language}>
      {LOCALES.map((locale) => (
        <a
          href={`${ADMIN}/lang/${locale}?next=${encodeURIComponent(path)}`}
          lang={locale}
          aria-current={locale === t.locale ? 'true' : undefined}
        >
          {t.languages[locale]}
        </a>
      ))}
    </nav>
  );
}

/** A page outside a session: sign-in and the pages that refuse one. */
export function CenteredLayout(props: { title: string; path: string; children?: Child }) {
  const t = useMessages();
  return (
    <Document title={props.title}>
      <main class="center">
        <div class="auth">
          <div class="auth-head">
            <span class="brand">
              {t.brand} <small>{t.console}</small>
            </span>
            <LanguageLinks path={props.path} />
          </div>
          <section class="card">{props.children}</section>
        </div>
      </main>
    </Document>
  );
}

export interface ConsoleProps {
  readonly session: AdminSession;
  /** The current path, to come back to after switching language. */
  readonly path: string;
  readonly title: string;
  readonly team?: Team;
  readonly tab?: TeamTab;
  readonly notice?: Notice | undefined;
  readonly children?: Child;
}

/** A signed-in page: the admin's teams on the side, the team's tabs above the content. */
export function ConsoleLayout(props: ConsoleProps) {
  const t = useMessages();
  const { session, team } = props;
  return (
    <Document title={props.title}>
      <div class="shell">
        <aside class="sidebar">
          <span class="brand">
            {t.brand} <small>{t.console}</small>
          </span>
          <nav class="nav" aria-label={t.teams}>
            <p class="nav-title">{t.teams}</p>
            {session.teams.map((each) => (
              <a href={teamPath(each.id)} aria-current={each.id === team?.id ? 'page' : undefined}>
                {each.name}
              </a>
            ))}
          </nav>
        </aside>
        <div class="main">
          <header class="topbar">
            <h1>{props.title}</h1>
            <div class="who">
              <span>
                {t.signedInAs} <strong>{session.user.name}</strong>
              </span>
              <LanguageLinks path={props.path} />
              <ActionButton
                action={`${ADMIN}/sign-out`}
                csrf={session.csrf}
                label={t.signOut}
                variant="link"
              />
            </div>
          </header>
          <main class="content">
            {team === undefined ? null : (
              <nav class="tabs">
                {TABS.map((tab) => (
                  <a
                    href={teamPath(team.id, tab)}
                    aria-current={tab === props.tab ? 'page' : undefined}
                  >
                    {t.tabs[tab]}
                  </a>
                ))}
              </nav>
            )}
            <NoticeBanner notice={props.notice} />
            {props.children}
          </main>
        </div>
      </div>
    </Document>
  );
}

/** A team's page under one of its tabs. */
export function TeamLayout(props: {
  readonly session: AdminSession;
  readonly team: Team;
  readonly tab: TeamTab;
  readonly notice?: Notice | undefined;
  readonly children?: Child;
}) {
  const { session, team, tab } = props;
  return (
    <ConsoleLayout
      session={session}
      path={teamPath(team.id, tab)}
      title={team.name}
      team={team}
      tab={tab}
      notice={props.notice}
    >
      {props.children}
    </ConsoleLayout>
  );
}
