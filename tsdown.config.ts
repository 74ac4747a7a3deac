import { readFileSync } from 'node:fs';
import { defineConfig, type UserConfig } from 'tsdown';

interface Manifest {
  readonly name: string;
  readonly exports?: Readonly<Record<string, string>>;
  readonly publishConfig?: {
    readonly exports?: Readonly<
      Record<string, { readonly types: string; readonly default: string }>
    >;
    readonly bin?: Readonly<Record<string, string>>;
  };
}

/** `.` → `index`, `./testing` → `testing`: the name of an export's built file. */
const builtName = (key: string) => (key === '.' ? 'index' : key.slice(2).replaceAll('/', '-'));

/**
 * The build of the publishable package in the working directory (`pnpm build` runs `tsdown`
 * in each): every export the workspace runs from source (`exports`: `./src/….ts`) becomes
 * `dist/<name>.mjs` with its `dist/<name>.d.mts`, and every packed bin `dist/<name>.mjs` is
 * built from `src/<name>.ts`. What `publishConfig` names must be what is built.
 */
export default defineConfig((): UserConfig => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const entry: Record<string, string> = {};
  for (const [key, source] of Object.entries(manifest.exports ?? {})) {
    const name = builtName(key);
    const packed = manifest.publishConfig?.exports?.[key];
    if (packed?.default !== `./dist/${name}.mjs` || packed.types !== `./dist/${name}.d.mts`) {
      throw new Error(
        `${manifest.name}: publishConfig.exports["${key}"] must be ` +
          `{ "types": "./dist/${name}.d.mts", "default": "./dist/${name}.mjs" }`,
      );
    }
    entry[name] = source;
  }
  for (const [bin, target] of Object.entries(manifest.publishConfig?.bin ?? {})) {
    const name = /^\.\/dist\/([a-z-]+)\.mjs$/.exec(target)?.[1];
    if (name === undefined) {
      throw new Error(`${manifest.name}: publishConfig.bin.${bin} must be ./dist/<name>.mjs`);
    }
    entry[name] = `./src/${name}.ts`;
  }
  return {
    entry,
    format: 'esm',
    platform: 'node',
    dts: true,
    // No source maps: the packed package holds no sources for them to point to.
    sourcemap: false,
    outDir: 'dist',
    clean: true,
    logLevel: 'warn',
    checks: { pluginTimings: false },
  };
});
