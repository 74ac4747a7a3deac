/** @jsxImportSource hono/jsx */
import type { PluginInfo, PluginSetting, Team } from '@guanxi/core';
import type { ConfigField } from '../config-form/config-fields';
import { ConfigForm } from '../config-form/config-form';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { teamPath } from '../paths';
import { ActionButton } from '../ui';

export interface ModuleView {
  readonly info: PluginInfo;
  readonly setting: PluginSetting;
  readonly fields: readonly ConfigField[];
}

/** A config form sent back with errors, showing what was submitted. */
export interface ConfigDraft {
  readonly pluginId: string;
  readonly values: unknown;
  readonly errors: FieldErrors;
}

const NO_ERRORS: FieldErrors = new Map();

function Module(props: { team: Team; csrf: string; module: ModuleView; draft?: ConfigDraft }) {
  const t = useMessages();
  const { info, setting, fields } = props.module;
  const base = `${teamPath(props.team.id, 'modules')}/${info.id}`;
  const draft = props.draft?.pluginId === info.id ? props.draft : undefined;
  return (
    <section class="card module" id={`module-${info.id}`} data-module={info.id}>
      <div class="module-head">
        <div>
          <h2>
            {info.id}
            <span class={setting.enabled ? 'pill on' : 'pill'}>
              {setting.enabled ? t.on : t.off}
            </span>
          </h2>
          <p>
            {info.description} <span class="hint">{`${t.version} ${info.version}`}</span>
          </p>
        </div>
        <ActionButton
          action={`${base}/enabled`}
          csrf={props.csrf}
          label={setting.enabled ? t.turnOff : t.turnOn}
          variant={setting.enabled ? 'secondary' : undefined}
          fields={{ enabled: String(!setting.enabled) }}
        />
      </div>
      <h3 class="hint">{t.settings}</h3>
      {fields.length === 0 ? (
        <p class="hint">{t.noSettings}</p>
      ) : (
        <ConfigForm
          scope={info.id}
          action={`${base}/config`}
          csrf={props.csrf}
          fields={fields}
          values={draft?.values ?? setting.config}
          errors={draft?.errors ?? NO_ERRORS}
        />
      )}
    </section>
  );
}

/** The installed modules, each on or off for this team, with its settings. */
export function ModulesPage(props: {
  session: AdminSession;
  team: Team;
  modules: readonly ModuleView[];
  draft?: ConfigDraft;
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, session } = props;
  return (
    <TeamLayout session={session} team={team} tab="modules" notice={props.notice}>
      {props.modules.length === 0 ? <p class="card empty">{t.noModules}</p> : null}
      {props.modules.map((module) => (
        <Module team={team} csrf={session.csrf} module={module} draft={props.draft} />
      ))}
    </TeamLayout>
  );
}
