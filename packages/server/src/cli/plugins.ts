import type { Core } from '@guanxi/core';
import { Command } from 'commander';
import { resolveTeam } from './cli-options';
import { printJson } from './print';
import { withCore } from './with-core';

const ACTOR = 'cli';

export function pluginsCommand(): Command {
  const plugins = new Command('plugins').description('installed plugins and their state per team');
  plugins
    .command('list')
    .description('installed plugins; with --team, whether each is on and its config')
    .option('--team <id>', 'team id or slug')
    .action((options: { team?: string }) => withCore((core) => listPlugins(core, options.team)));
  for (const verb of ['enable', 'disable'] as const) {
    plugins
      .command(verb)
      .description(`${verb} a plugin for one team`)
      .argument('<plugin>', 'plugin id')
      .requiredOption('--team <id>', 'team id or slug')
      .action((pluginId: string, options: { team: string }) =>
        withCore(async (core) => {
          const team = await resolveTeam(core, options.team);
          const setting = await core.plugins[verb](team.id, pluginId, ACTOR);
          printJson({ plugin: pluginId, team: team.slug, ...setting });
        }),
      );
  }
  return plugins;
}

async function listPlugins(core: Core, teamOption: string | undefined): Promise<void> {
  const installed = core.plugins.list();
  if (teamOption === undefined) return printJson(installed);
  const team = await resolveTeam(core, teamOption);
  const withSettings = [];
  for (const plugin of installed) {
    withSettings.push({ ...plugin, ...(await core.plugins.settings(team.id, plugin.id)) });
  }
  printJson(withSettings);
}
