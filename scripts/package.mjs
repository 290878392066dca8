// `npm run package` (after the builds): the files a school or a store takes, in dist/:
//   bijsluiter-chrome-VERSION.zip      Chrome Web Store and Edge Add-ons (the chrome-mv3 build)
//   bijsluiter-firefox-VERSION.xpi     Firefox, for AMO or for signing to self-host (unsigned)
//   bijsluiter-sources-VERSION.zip     the sources AMO asks for (every file git tracks)
//   updates.json                       the update manifest a self-hosted Firefox install reads
//   SHA256SUMS                         checksums of all of the above
// Reproducible: entries sorted, every time stamp fixed to the last commit's, no extra fields,
// so two runs from the same commit give the same bytes (tested). The version comes from
// package.json alone (WXT writes it into both manifests).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : 'dist';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const GECKO_ID = 'bijsluiter@bijsluiter.nl';
// the last commit's time (zip stores local time to 2 s; DOS dates start in 1980)
const committed = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim() || '315532800') * 1000;
const mtime = new Date(Math.max(committed, Date.UTC(1980, 0, 2)));

function filesUnder(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return files;
}

function zip(entries) {
  const tree = {};
  for (const [name, path] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    tree[name] = [readFileSync(path), { mtime, level: 9, os: 3, attrs: 0o644 << 16 }];
  }
  return zipSync(tree, { mtime, level: 9 });
}

function fromBuild(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no build in ${dir}: run "npm run build" and "npm run build:firefox" first`);
  return filesUnder(dir).map((path) => [relative(dir, path).split('\\').join('/'), path]);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const written = {};
const write = (name, bytes) => {
  writeFileSync(join(out, name), bytes);
  written[name] = createHash('sha256').update(bytes).digest('hex');
};
write(`bijsluiter-chrome-${version}.zip`, zip(fromBuild('.output/chrome-mv3')));
const xpi = `bijsluiter-firefox-${version}.xpi`;
write(xpi, zip(fromBuild('.output/firefox-mv3')));
const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(f) && statSync(f).isFile());
write(`bijsluiter-sources-${version}.zip`, zip(tracked.map((f) => [f, f])));
write('updates.json', Buffer.from(`${JSON.stringify({ addons: { [GECKO_ID]: { updates: [{ version, update_link: `https://REPLACE-WITH-YOUR-HOST/${xpi}`, update_hash: `sha256:${written[xpi]}` }] } } }, null, 2)}\n`));
const sums = Object.entries(written).map(([name, hash]) => `${hash}  ${name}`).join('\n') + '\n';
writeFileSync(join(out, 'SHA256SUMS'), sums);
process.stdout.write(sums);
