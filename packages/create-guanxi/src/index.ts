export {
  type AddedPlugin,
  type AddPluginOptions,
  addPlugin,
  type CreateProjectOptions,
  createProject,
  listInConfig,
  PLUGIN_TEMPLATES,
  type PluginTemplate,
} from './scaffold';
