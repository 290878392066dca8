#!/usr/bin/env node
// The FG's command-line tool. It runs the TypeScript sources through tsx so that it shares the
// register schemas, matcher and signing code with the extension (one implementation).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
