#!/usr/bin/env node
// The FG's command-line tool. It runs the TypeScript sources through tsx so that it shares the
// register schemas, matcher and signing code with the extension (one implementation). The
// project's tsconfig is named explicitly: tsx would otherwise look in the current folder, and
// run from elsewhere the Preact components (the public site's pages) would compile as React.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
