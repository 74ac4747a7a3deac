import { dirname } from 'node:path';
import {
  findConfigFile,
  type LoadProjectOptions,
  loadProject,
  type Project,
} from '../config/load-project';

let options: LoadProjectOptions = {};
let loaded: Promise<Project> | undefined;

/** Where the command's project comes from: main.ts passes `--config` before any command runs. */
export function useProjectOptions(chosen: LoadProjectOptions): void {
  options = chosen;
  loaded = undefined;
}

/** The project this command runs, loaded once: guanxi.config.ts, or the bundled defaults. */
export function project(): Promise<Project> {
  loaded ??= loadProject(options);
  return loaded;
}

/**
 * The project's folder without loading its config, for a command that needs no plugin or
 * database (`guanxi clv` reads the scoring plugin's models from there).
 */
export function projectRoot(): string {
  const file = configFile();
  return file === undefined ? (options.cwd ?? process.cwd()) : dirname(file);
}

/** The project's config file, not loaded; undefined when it has none. */
export function configFile(): string | undefined {
  return findConfigFile(options.cwd ?? process.cwd(), options.config);
}
