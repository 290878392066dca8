// Makes sure a PostgreSQL server is there for the console's tests and prints its admin URL on
// the last line: uses TEST_DATABASE_URL when set; else, as root on Debian, installs PostgreSQL
// when missing, starts the machine's cluster (pg_ctlcluster) and makes a password role for the
// tests. The tests create and drop a database of their own per file.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const ROLE = 'bijsluiter_test';
const PASSWORD = 'bijsluiter_test';

function sh(command, options = {}) {
  return execSync(command, { stdio: ['ignore', 'pipe', 'inherit'], ...options }).toString().trim();
}

if (process.env.TEST_DATABASE_URL) {
  console.log(process.env.TEST_DATABASE_URL);
  process.exit(0);
}
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!root) {
  console.error('No TEST_DATABASE_URL and not root: set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres (a role that may CREATE DATABASE)');
  process.exit(1);
}
if (!existsSync('/usr/bin/pg_ctlcluster')) {
  console.error("Installing Debian's postgresql…");
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null', { stdio: 'inherit' });
}
const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
let version = versions[0];
if (!version) {
  // the package is there but has no cluster (removed by hand): make the default one
  const installed = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
  sh(`pg_createcluster ${installed} main`);
  version = installed;
}
const status = sh(`pg_lsclusters --no-header ${version} main || true`);
if (!/online/.test(status)) sh(`pg_ctlcluster ${version} main start`);
const port = sh(`pg_lsclusters --no-header ${version} main`).split(/\s+/)[2];
const psql = (query) => sh(`su postgres -c ${JSON.stringify(`psql -p ${port} -tAc "${query}"`)}`);
for (let i = 0; i < 50; i++) {
  try {
    psql('SELECT 1');
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}
if (psql(`SELECT 1 FROM pg_roles WHERE rolname='${ROLE}'`) !== '1') psql(`CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'`);
console.log(`postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/postgres`);
