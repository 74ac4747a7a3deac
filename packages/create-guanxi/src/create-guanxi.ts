#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createProject } from './scaffold';

const USAGE = `Usage: npm create guanxi NAME [-- --plugin PLUGIN] [--packs DIR]

Makes the folder NAME with a Guanxi project: package.json, guanxi.config.ts, a README,
a tsconfig and a first plugin of its own (a scorer) in plugins/PLUGIN (default my-plugin).
--packs DIR points the Guanxi dependencies at the tarballs in DIR (pnpm pack:all).
用法：npm create guanxi 项目名，生成一个 Guanxi 项目及其第一个插件（评分器）。`;

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      plugin: { type: 'string' },
      packs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [dir] = positionals;
  if (values.help === true || dir === undefined || positionals.length > 1) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help === true ? 0 : 1;
  } else {
    const made = createProject({ dir, plugin: values.plugin, packs: values.packs });
    process.stdout.write(
      `Made ${made.dir} with the plugin plugins/${made.plugin}. Next:\n\n` +
        `  cd ${made.dir}\n  npm install\n  npm test    # the plugin's tests\n` +
        '  npm start   # the server on http://127.0.0.1:3000\n',
    );
  }
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
