// Makes sure Debian's browsers are there for the demo and the end-to-end tests: installs the
// missing ones with apt-get when running as root on a machine that has apt-get, else says how.
// `node scripts/ensure-browsers.mjs` checks both; `… chromium` only Chromium.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.argv[2] === 'chromium' ? ['chromium'] : ['chromium', 'firefox-esr'];
const paths = { chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'firefox-esr': process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' };
const missing = wanted.filter((name) => !existsSync(paths[name]));
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing Debian's ${missing.join(' and ')}…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
  } else {
    console.error(`Not found: ${missing.map((m) => paths[m]).join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}) or set CHROMIUM_PATH / FIREFOX_PATH.`);
    process.exit(1);
  }
}
