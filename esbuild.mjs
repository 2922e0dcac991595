// Builds the VS Code client, the language server and the command line into dist/.
// Usage: node esbuild.mjs [--production] [--watch]
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

/**
 * The Word writer (and the `docx` library, about 0.7 MB) is a bundle of its own, dist/docxWriter.js, which the
 * server and the command line load when they first write a Word file: parsing it at every start-up would cost
 * about a tenth of the server's start.
 */
const lazyDocxWriter = {
  name: 'lazy-docx-writer',
  setup(build) {
    build.onResolve({ filter: /^\.\/docxWriter$/ }, (args) =>
      args.importer.endsWith(path.join('server', 'src', 'export', 'index.ts')) ? { path: './docxWriter.js', external: true } : undefined,
    );
  },
};

/**
 * The team corpus's code and the PostgreSQL driver (`pg`) are a bundle of their own, dist/database.js, which the
 * command line loads for `publish` and the server when `pinpoint.corpus.database` is set: nobody else parses it.
 */
const lazyDatabase = {
  name: 'lazy-database',
  setup(build) {
    build.onResolve({ filter: /\/db\/index$/ }, (args) =>
      args.importer.includes(path.join('server', 'src', 'db')) ? undefined : { path: './database.js', external: true },
    );
  },
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  }),
  esbuild.context({
    ...common,
    entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli/main.ts', docxWriter: 'server/src/export/docxWriter.ts', database: 'server/src/db/index.ts' },
    outdir: 'dist',
    // pg's optional native binding is never used.
    external: ['pg-native'],
    plugins: [lazyDocxWriter, lazyDatabase],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
