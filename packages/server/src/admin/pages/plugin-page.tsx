/** @jsxImportSource hono/jsx */
import { labelText, type PageContent, type TeamPage } from '@guanxi/core';
import { type BlockScope, Blocks } from '../blocks/page-blocks';
import type { AdminSession, TeamView } from '../env';
import { useMessages } from '../i18n';
import { TeamLayout } from '../layout';
import { pluginPagePath, withQuery } from '../paths';

/** A page a plugin contributes, in the console's layout under the plugin's own path. */
export function PluginPage(props: {
  session: AdminSession;
  view: TeamView;
  page: TeamPage;
  content: PageContent;
  scope: BlockScope;
  done?: string | undefined;
}) {
  const t = useMessages();
  const { view, page } = props;
  const title = labelText(page.title, t.locale);
  const refused = props.scope.failed !== undefined;
  return (
    <TeamLayout
      session={props.session}
      team={view.team}
      tab={`${page.pluginId}/${page.path}`}
      title={title}
      path={withQuery(pluginPagePath(view.team.id, page.pluginId, page.path), props.scope.query)}
      done={props.done}
    >
      {refused ? <p class="notice warn">{t.pages.invalid}</p> : null}
      <div class="blocks" data-page={`${page.pluginId}/${page.path}`}>
        <Blocks blocks={props.content.blocks} scope={props.scope} />
      </div>
    </TeamLayout>
  );
}
