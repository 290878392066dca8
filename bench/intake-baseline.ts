/**
 * The baseline for the console's intake figures: what a competent engineer would write as the
 * least an intake must do, with no framework and none of the console's defences: node:http, read
 * the body, JSON.parse, the same contract schema, one INSERT … ON CONFLICT DO NOTHING into the
 * same table on the same database, answer 201. No token, no rate limits, no idempotency compare,
 * no notifications, no security headers. Run as a child process by bench/console.ts:
 *   node --import tsx bench/intake-baseline.ts (--data DIR | --url postgres://…) BOARD_ID
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { openDatabase } from '../console/db/open';
import { requests } from '../console/db/schema';
import { vettingRequestSchema } from '../lib/requests/schema';

const [flag, where, board] = process.argv.slice(2);
const database = await openDatabase(flag === '--url' ? { databaseUrl: where } : { dataDir: where });
const boardId = Number(board);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString();
    const parsed = vettingRequestSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return void res.writeHead(400).end();
    const r = parsed.data;
    await database.db
      .insert(requests)
      .values({ boardId, requestId: r.id, bodyHash: createHash('sha256').update(body).digest('hex'), body: r, toolHost: r.tool.host, toolName: r.tool.name, registerId: r.tool.registerId, requesterEmail: r.requester.email, status: 'received', note: '' })
      .onConflictDoNothing();
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"received"}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`baseline on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
