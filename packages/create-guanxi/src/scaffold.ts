import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The templates a plugin can start from. */
export const PLUGIN_TEMPLATES = ['scorer', 'panel', 'hook', 'routes'] as const;
export type PluginTemplate = (typeof PLUGIN_TEMPLATES)[number];

/** The template files, beside src/ and dist/ in this package. */
const TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

/** The Guanxi packages a new project depends on; each at this package's own version. */
const GUANXI_PACKAGES = [
  '@guanxi/core',
  '@guanxi/server',
  '@guanxi/plugin-scoring',
  '@guanxi/plugin-tiering',
  '@guanxi/plugin-service',
  '@guanxi/plugin-winback',
  '@guanxi/plugin-loyalty',
  '@guanxi/plugin-example-scorer',
] as const;

/** What the templates' code imports beside Guanxi, at the versions Guanxi itself uses. */
const OTHER_DEPENDENCIES = { zod: '^4.6.7' };
const DEV_DEPENDENCIES = { '@types/node': '^20.19.43', typescript: '~5.9.3', vitest: '~4.1.12' };

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The tarballs `pnpm pack:all` wrote, by package name (`guanxi-server-0.1.0.tgz`). */
function tarballs(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const match = /^(guanxi-)?(.+)-\d+\.\d+\.\d+(?:-[\w.]+)?\.tgz$/.exec(file);
    if (match === null) continue;
    found.set(
      match[1] === undefined ? (match[2] as string) : `@guanxi/${match[2]}`,
      join(dir, file),
    );
  }
  return found;
}

function ownVersion(): string {
  const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** `late-payers` → `latePayers`. */
const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A template's text with its placeholders (`my-plugin`, `myPlugin`, `MyPlugin`) replaced. */
function filled(text: string, words: Readonly<Record<string, string>>): string {
  return Object.entries(words).reduce((out, [from, to]) => out.replaceAll(from, to), text);
}

function pluginWords(name: string): Record<string, string> {
  const camelName = camel(name);
  return {
    'my-plugin': name,
    myPlugin: camelName,
    MyPlugin: camelName[0]?.toUpperCase() + camelName.slice(1),
  };
}

function checkName(what: string, name: string): void {
  if (!KEBAB.test(name)) {
    throw new Error(
      `${what} "${name}" must be kebab-case: a-z, 0-9 and dashes, such as late-payers`,
    );
  }
}

/** Writes a file, refusing to overwrite one. */
function create(path: string, text: string): void {
  if (existsSync(path)) throw new Error(`${path} exists already`);
  writeFileSync(path, text);
}

export interface AddPluginOptions {
  /** The project folder, holding guanxi.config.ts. */
  readonly root: string;
  /** The plugin's id and folder name, kebab-case. */
  readonly name: string;
  readonly template?: PluginTemplate;
}

export interface AddedPlugin {
  /** The plugin's folder. */
  readonly dir: string;
  /** The import line and the entry to add to guanxi.config.ts's plugins. */
  readonly importLine: string;
  readonly entry: string;
}

/** Writes `plugins/<name>/` from a template; the files are the template's, renamed. */
export function addPlugin(options: AddPluginOptions): AddedPlugin {
  const template = options.template ?? 'scorer';
  checkName('The plugin name', options.name);
  if (!PLUGIN_TEMPLATES.includes(template)) {
    throw new Error(`No plugin template "${template}": ${PLUGIN_TEMPLATES.join(', ')}`);
  }
  const dir = join(resolve(options.root), 'plugins', options.name);
  if (existsSync(dir)) throw new Error(`${dir} exists already`);
  mkdirSync(dir, { recursive: true });
  const words = pluginWords(options.name);
  const from = join(TEMPLATES, 'plugins', template);
  for (const file of readdirSync(from)) {
    create(join(dir, file), filled(readFileSync(join(from, file), 'utf8'), words));
  }
  const variable = words.myPlugin as string;
  return {
    dir,
    importLine: `import ${variable} from './plugins/${options.name}';`,
    entry: variable,
  };
}

/**
 * Lists a new plugin in guanxi.config.ts: its import after the last import, its entry at the
 * end of `plugins: [...]`. Returns false, changing nothing, for a config not in that shape.
 */
export function listInConfig(configFile: string, added: AddedPlugin): boolean {
  const text = readFileSync(configFile, 'utf8');
  const imports = [...text.matchAll(/^import .*;$/gm)];
  const last = imports.at(-1);
  const plugins = /plugins:\s*\[([^\]]*)\]/.exec(text);
  if (last === undefined || plugins === null || plugins[1]?.includes('\n')) return false;
  const afterImports = (last.index ?? 0) + last[0].length;
  const listEnd = plugins.index + plugins[0].length - 1;
  const inList = (plugins[1] ?? '').trim();
  writeFileSync(
    configFile,
    text.slice(0, afterImports) +
      `\n${added.importLine}` +
      text.slice(afterImports, listEnd) +
      (inList === '' ? added.entry : `, ${added.entry}`) +
      text.slice(listEnd),
  );
  return true;
}

export interface CreateProjectOptions {
  /** The folder to create; its name is the project's name. */
  readonly dir: string;
  /** The first plugin's name. Default `my-plugin`. */
  readonly plugin?: string;
  /**
   * A folder of tarballs (`pnpm pack:all` in the Guanxi repository): the project's Guanxi
   * dependencies point at them (`file:`), for trying packages before they are published.
   */
  readonly packs?: string;
}

/** The project's package.json: its scripts and dependencies. */
function projectManifest(name: string, packs: string | undefined): Record<string, unknown> {
  const version = `^${ownVersion()}`;
  const local = packs === undefined ? undefined : tarballs(resolve(packs));
  const source = (pkg: string) => {
    if (local === undefined) return version;
    const file = local.get(pkg);
    if (file === undefined) throw new Error(`No tarball of ${pkg} in ${packs}`);
    return `file:${file}`;
  };
  const dependencies = Object.fromEntries(GUANXI_PACKAGES.map((pkg) => [pkg, source(pkg)]));
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      start: 'guanxi serve',
      dev: 'node --watch-path=guanxi.config.ts --watch-path=plugins node_modules/.bin/guanxi serve',
      test: 'vitest run',
    },
    dependencies: { ...dependencies, ...OTHER_DEPENDENCIES },
    devDependencies: { '@guanxi/testing': source('@guanxi/testing'), ...DEV_DEPENDENCIES },
    // Packages from tarballs depend on each other by version, which no registry has yet.
    ...(local === undefined
      ? {}
      : {
          overrides: Object.fromEntries(
            [...local].map(([pkg, file]) =>
              pkg in dependencies || pkg === '@guanxi/testing'
                ? [pkg, `$${pkg}`]
                : [pkg, `file:${file}`],
            ),
          ),
        }),
    engines: { node: '>=20.19' },
  };
}

/**
 * Makes a project: package.json, guanxi.config.ts with the bundled plugins and a first plugin
 * of its own (a scorer, from the template), a README, a tsconfig and the vitest config.
 */
export function createProject(options: CreateProjectOptions): { dir: string; plugin: string } {
  const dir = resolve(options.dir);
  const name = basename(dir);
  checkName('The project name', name);
  const plugin = options.plugin ?? 'my-plugin';
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  mkdirSync(dir, { recursive: true });
  const manifest = projectManifest(name, options.packs);
  create(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const words = {
    'my-crm': name,
    './plugins/scorer': `./plugins/${plugin}`,
    ...pluginWords(plugin),
  };
  for (const [template, file] of [
    ['guanxi.config.ts', 'guanxi.config.ts'],
    ['README.md', 'README.md'],
    ['tsconfig.json', 'tsconfig.json'],
    ['vitest.config.ts', 'vitest.config.ts'],
    // npm leaves .gitignore files out of packages, so the template has no dot.
    ['gitignore', '.gitignore'],
  ] as const) {
    create(join(dir, file), filled(readFileSync(join(TEMPLATES, template), 'utf8'), words));
  }
  addPlugin({ root: dir, name: plugin, template: 'scorer' });
  return { dir: relative(process.cwd(), dir) || '.', plugin };
}
