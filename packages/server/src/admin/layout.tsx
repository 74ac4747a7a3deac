/** @jsxImportSource hono/jsx */
import { LOCALES, labelText, type Team } from '@guanxi/core';
import type { Child } from 'hono/jsx';
import type { AdminSession, TeamView } from './env';
import { useMessages, useTeamView } from './i18n';
import type { Notice } from './messages';
import { ADMIN, pluginPagePath, type TeamTab, teamPath } from './paths';
import { CSS } from './styles';
import { TAB_ROLES } from './team-access';
import { ActionButton, NoticeBanner } from './ui';

/** What the navigation marks as the current page: a team tab or `<plugin>/<page>`. */
export type NavKey = TeamTab | `${string}/${string}`;

const WORK: readonly TeamTab[] = ['overview', 'customers', 'import'];
const SETTINGS: readonly TeamTab[] = [
  'members',
  'modules',
  'webhooks',
  'hook-failures',
  'settings',
];

/** The HTML document around every page: metadata and the stylesheet. */
export function Document({
  title,
  refreshSeconds,
  children,
}: {
  title: string;
  /** Reload the page after this many seconds (a running import), with no script. */
  refreshSeconds?: number;
  children?: Child;
}) {
  const t = useMessages();
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {refreshSeconds === undefined ? null : (
          <meta http-equiv="refresh" content={String(refreshSeconds)} />
        )}
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

/** The team's sections and its plugins' pages, as far as the viewer's role reaches. */
function TeamNav({ view, current }: { view: TeamView; current: NavKey | undefined }) {
  const t = useMessages();
  const { team, role } = view;
  const link = (href: string, key: NavKey, label: string) => (
    <a href={href} aria-current={key === current ? 'page' : undefined}>
      {label}
    </a>
  );
  const tabs = (list: readonly TeamTab[]) =>
    list
      .filter((tab) => TAB_ROLES[tab].includes(role))
      .map((tab) => link(teamPath(team.id, tab), tab, t.tabs[tab]));
  const pages = view.pages.filter((page) => page.nav);
  const settings = tabs(SETTINGS);
  return (
    <nav class="nav" aria-label={team.name}>
      <p class="nav-title">{t.nav.work}</p>
      {tabs(WORK)}
      {pages.length === 0 ? null : <p class="nav-title">{t.nav.modules}</p>}
      {pages.map((page) =>
        link(
          pluginPagePath(team.id, page.pluginId, page.path),
          `${page.pluginId}/${page.path}`,
          labelText(page.title, t.locale),
        ),
      )}
      {settings.length === 0 ? null : <p class="nav-title">{t.nav.settings}</p>}
      {settings}
    </nav>
  );
}

export interface ConsoleProps {
  readonly session: AdminSession;
  /** The current path, to come back to after switching language. */
  readonly path: string;
  readonly title: string;
  readonly team?: Team;
  readonly tab?: NavKey;
  readonly notice?: Notice | undefined;
  /** A message of the page's own (a plugin action done), shown like a notice. */
  readonly done?: string | undefined;
  readonly refreshSeconds?: number;
  readonly children?: Child;
}

/** A signed-in page: the user's teams and the team's sections on the side, the page beside. */
export function ConsoleLayout(props: ConsoleProps) {
  const t = useMessages();
  const view = useTeamView();
  const { session, team } = props;
  return (
    <Document
      title={props.title}
      {...(props.refreshSeconds === undefined ? {} : { refreshSeconds: props.refreshSeconds })}
    >
      <div class="shell">
        <aside class="sidebar">
          <span class="brand">
            {t.brand} <small>{t.console}</small>
          </span>
          {session.teams.length > 1 || team === undefined ? (
            <nav class="nav" aria-label={t.teams}>
              <p class="nav-title">{t.teams}</p>
              {session.teams.map((each) => (
                <a
                  href={teamPath(each.id)}
                  aria-current={each.id === team?.id ? 'true' : undefined}
                >
                  {each.name}
                </a>
              ))}
            </nav>
          ) : null}
          {view === undefined ? null : <TeamNav view={view} current={props.tab} />}
        </aside>
        <div class="main">
          <header class="topbar">
            <h1>{props.title}</h1>
            <div class="who">
              <span>
                {t.signedInAs} <strong>{session.user.name}</strong>
                {view === undefined ? null : <span class="pill">{t.roles[view.role]}</span>}
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
            <NoticeBanner notice={props.notice} />
            {props.done === undefined ? null : (
              <p class="notice" role="status">
                {props.done}
              </p>
            )}
            {props.children}
          </main>
        </div>
      </div>
    </Document>
  );
}

/** A team's page under one of its sections. */
export function TeamLayout(props: {
  readonly session: AdminSession;
  readonly team: Team;
  readonly tab: NavKey;
  /** Default: the team's name. */
  readonly title?: string;
  /** Default: the tab's own path. */
  readonly path?: string;
  readonly notice?: Notice | undefined;
  readonly done?: string | undefined;
  readonly refreshSeconds?: number;
  readonly children?: Child;
}) {
  const { session, team, tab } = props;
  const path =
    props.path ?? (tab.includes('/') ? teamPath(team.id) : teamPath(team.id, tab as TeamTab));
  return (
    <ConsoleLayout
      session={session}
      path={path}
      title={props.title ?? team.name}
      team={team}
      tab={tab}
      notice={props.notice}
      done={props.done}
      {...(props.refreshSeconds === undefined ? {} : { refreshSeconds: props.refreshSeconds })}
    >
      {props.children}
    </ConsoleLayout>
  );
}
