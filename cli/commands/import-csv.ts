/** `bijsluiter import TOOLS.csv --out DIR`: the first fill of a YAML source folder from a spreadsheet. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { option, parseArgs, positional, requiredOption } from '../../node/args';
import { CliError, readText, writeAtomic, type Output } from '../../node/io';
import { csvTools } from '../../node/source';

const TOOL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const PUBLISHER_TEMPLATE = `# The school board that publishes this register, and its FG.
publisher:
  name: Stichting Voorbeeld Onderwijs
  fg:
    name: A. Jansen
    email: fg@voorbeeld.example
  # requestEndpoint: https://fg.voorbeeld.example/api/requests
# Days until the signed register expires (then teachers see approvals as unconfirmed).
validDays: 60
`;

export async function importCsv(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['out', 'publisher']);
  const csv = positional(args, 0, 'a CSV file', 'import');
  const dir = requiredOption(args, 'out', 'import');
  const main = join(dir, 'register.yaml');
  if (existsSync(main)) throw new CliError(`${main} exists; import only makes a new source folder (edit the YAML from now on)`);
  const tools = csvTools(csv);
  const ids = new Set<string>();
  const toolsDir = resolve(dir, 'tools');
  for (const { tool, line } of tools) {
    const id = String(tool.id);
    // an id names a file: only the spec's id grammar, so "../../x" can never leave the folder
    if (!TOOL_ID.test(id)) throw new CliError(`${csv}: row ${line}: id ${JSON.stringify(id).slice(0, 80)} is not a tool id (lowercase letters, digits and hyphens, at most 64)`);
    if (ids.has(id)) throw new CliError(`${csv}: row ${line}: a second tool with id "${id}"; give it its own id column value`);
    ids.add(id);
    const file = resolve(toolsDir, `${id}.yaml`);
    if (dirname(file) !== toolsDir) throw new CliError(`${csv}: row ${line}: id "${id}" would write outside ${toolsDir}`);
    if (existsSync(file)) throw new CliError(`${file} exists; import never overwrites (move it away, or edit the YAML instead)`);
  }
  mkdirSync(toolsDir, { recursive: true });
  const publisherFile = option(args, 'publisher');
  writeAtomic(main, publisherFile ? readText(publisherFile, 'publisher file') : PUBLISHER_TEMPLATE);
  for (const { tool } of tools) writeAtomic(join(toolsDir, `${String(tool.id)}.yaml`), stringify(tool));
  io.out(`wrote ${main} and ${tools.length} tool file(s) in ${join(dir, 'tools')}; add each tool's privacy sheet (bijsluiter) there, then build`);
  return 0;
}
