// Writes the OpenAPI document of the app with every bundled plugin installed, as
// /v1/openapi.json serves it, to the file named (or stdout): what Redocly lints and the
// typed client is generated from.
import { writeFile } from 'node:fs/promises';
import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';

/** The document; building it reads no table, so the core runs on an empty in-memory database. */
export async function apiDocument(): Promise<string> {
  const core = await createCore({
    database: openDatabase({ url: ':memory:' }),
    plugins: await bundledPlugins(),
    migrate: false,
  });
  try {
    return `${JSON.stringify(createApp(core).document(), null, 2)}\n`;
  } finally {
    await core.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file] = process.argv.slice(2);
  const text = await apiDocument();
  if (file === undefined) process.stdout.write(text);
  else await writeFile(file, text);
}
