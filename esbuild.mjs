// Bundles: the VS Code client (desktop and web), the language server (Node and web worker), the CLI.
import * as esbuild from 'esbuild';

const pkg = JSON.parse(await (await import('node:fs/promises')).readFile('package.json', 'utf8'));
/** Where the rule pages are published (SARIF helpUri): the repository's web address. */
const repository = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
/** The rule pages, for SARIF's help.markdown: in the bundle, so the single executable has them too. */
const ruleDocs = await (async () => {
  const fs = await import('node:fs/promises');
  const out = {};
  for (const f of (await fs.readdir('docs/rules')).filter(f => f.endsWith('.md') && f !== 'README.md').sort()) {
    out[f.replace(/\.md$/, '')] = await fs.readFile(`docs/rules/${f}`, 'utf8');
  }
  return out;
})();
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  // ES modules first: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', define: { NIANBAO_VERSION: JSON.stringify(pkg.version) } },
  { entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/web/server.js', platform: 'browser', format: 'iife', define: { NIANBAO_VERSION: JSON.stringify(pkg.version) } },
  // The PDF reader (pdfjs), apart: the server loads it on the first PDF (Node: require; web worker:
  // importScripts), the tables preview's page view loads it into its webview. One IIFE for all three.
  {
    entryPoints: ['server/src/readers/pdfEntry.ts'], outfile: 'dist/pdf.js', platform: 'browser', format: 'iife', globalName: 'nianbaoPdf',
    footer: { js: 'typeof module=="object"&&module.exports&&(module.exports=nianbaoPdf);' },
  },
  {
    entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs',
    // tinyglobby's ES module build (fdir) asks for import.meta.url, which a CommonJS bundle has not.
    banner: { js: "#!/usr/bin/env node\nconst importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: {
      NIANBAO_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'importMetaUrl',
      NIANBAO_REPOSITORY: JSON.stringify(repository), NIANBAO_RULE_DOCS: JSON.stringify(ruleDocs),
    },
  },
  // The folder check's worker threads (cli/pool.ts): the engine alone, beside the CLI.
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js', platform: 'node', format: 'cjs' },
];

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build({ ...common, ...b })));
  const fs = await import('node:fs/promises');
  // The CLI's bundles in ASCII: esbuild leaves the Chinese of regular expressions (and comments) as it
  // is, and one such character makes V8 hold the whole script as two bytes a character (10.7 MB instead
  // of 5.3 for cli.js), in the main thread and in each worker. A \uXXXX escape means the same in a
  // pattern, with or without the u flag (an escaped surrogate pair is one code point under u).
  for (const file of ['dist/cli.js', 'dist/cli-worker.js']) {
    const code = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, code.replace(/[^\x00-\x7f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
  await fs.chmod('dist/cli.js', 0o755).catch(() => {});
  // The PDF reader's CMaps for Chinese fonts with predefined encodings (GB and Adobe-GB1), beside the CLI.
  await fs.mkdir('dist/cmaps', { recursive: true });
  for (const f of await fs.readdir('node_modules/pdfjs-dist/cmaps')) {
    if (/GB/.test(f) && f.endsWith('.bcmap')) await fs.copyFile(`node_modules/pdfjs-dist/cmaps/${f}`, `dist/cmaps/${f}`);
  }
}
