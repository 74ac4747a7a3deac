import type { Core } from '@guanxi/core';
import { Command, Option } from 'commander';
import { addPlugin, listInConfig, PLUGIN_TEMPLATES, type PluginTemplate } from 'create-guanxi';
import { resolveTeam } from './cli-options';
import { printJson } from './print';
import { configFile, projectRoot } from './project';
import { withCore } from './with-core';

const ACTOR = 'cli';

export function pluginsCommand(): Command {
  const plugins = new Command('plugins')
    .alias('plugin')
    .description('installed plugins and their state per team; a new plugin for the project');
  plugins
    .command('new')
    .description(
      "add a plugin to the project from a template, in plugins/<name>, and list it in the project's guanxi.config.ts",
    )
    .argument('<name>', 'the plugin id and folder name, kebab-case, such as late-payers')
    .addOption(
      new Option('--template <template>', 'what the plugin starts as')
        .choices(PLUGIN_TEMPLATES)
        .default('scorer'),
    )
    .action((name: string, options: { template: PluginTemplate }) =>
      newPlugin(name, options.template),
    );
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

function newPlugin(name: string, template: PluginTemplate): void {
  const added = addPlugin({ root: projectRoot(), name, template });
  process.stdout.write(`made ${added.dir} from the ${template} template\n`);
  const config = configFile();
  if (config !== undefined && listInConfig(config, added)) {
    process.stdout.write(`listed it in ${config}; turn it on for a team to use it\n`);
  } else {
    process.stdout.write(
      `add it to the plugins of your config:\n  ${added.importLine}\n  plugins: [..., ${added.entry}]\n`,
    );
  }
}
