/**
 * The FG console for the demo, the screenshots and the end-to-end tests: started on an embedded
 * database with one board whose tools are the demo source (as an FG moving over from the CLI
 * would import them), published as serial 1; and the FG's steps in its web interface, done in a
 * real browser page as a person would.
 */
import type { Page } from 'playwright-core';
import { loadSource } from '../node/source';
import { startConsole, type RunningConsole } from '../console/start';
import { boardPolicy, createBoard, type Board } from '../console/store/boards';
import { importTools } from '../console/store/import';
import { publish } from '../console/store/registers';
import { RECEIVER_HOST } from './server';

export const CONSOLE_URL = `https://${RECEIVER_HOST}`;
export const DEMO_SLUG = 'voorbeeld';
export const DEMO_FG = { email: 'fg@voorbeeld.example', name: 'A. Jansen', password: 'correct horse battery staple' };

export interface DemoConsole {
  console: RunningConsole;
  board: Board;
  /** The extension's policy values, as `console init` prints them. */
  policy: Record<string, unknown>;
  base: string;
}

/** Which demo board: the Dutch one (Convenant 4.0) or the Flemish one (Intentieverklaring). */
export const DEMO_BOARDS = {
  dutch: { source: 'demo/source', name: 'Stichting Voorbeeld Onderwijs (DEMO)' },
  flemish: { source: 'demo/source-flemish', name: 'Scholengroep Voorbeeld (DEMO)' },
} as const;

export async function startDemoConsole(dataDir?: string, which: keyof typeof DEMO_BOARDS = 'dutch'): Promise<DemoConsole> {
  const { source, name } = DEMO_BOARDS[which];
  const running = await startConsole({ publicUrl: CONSOLE_URL, jobs: false, log: () => undefined, env: {}, dataDir });
  const created = await createBoard(running.ctx.db, running.ctx.master, { slug: DEMO_SLUG, name, fgEmail: DEMO_FG.email, fgName: DEMO_FG.name, password: DEMO_FG.password });
  if (!created) throw new Error(`board ${DEMO_SLUG} exists already in ${dataDir}`);
  const imported = await importTools(running.ctx.db, created.board.id, loadSource(source).tools, DEMO_FG.email, new Date(), source);
  if (!imported.ok) throw new Error(`demo import failed: ${imported.errors.map((e) => e.message).join('; ')}`);
  const published = await publish(running.ctx, created.board, DEMO_FG.email);
  if (!published.ok) throw new Error('demo publish failed');
  return { console: running, board: created.board, policy: boardPolicy(CONSOLE_URL, created.board, created.intakeToken), base: `${CONSOLE_URL}/b/${DEMO_SLUG}/fg` };
}

/** Logs in with "Log in with …" (the board's single sign-on) at the provider's login page; waits for the inbox. */
export async function fgLoginSso(page: Page, base: string, email = DEMO_FG.email): Promise<void> {
  await page.goto(`${base}/login`);
  await page.click(`a[href="${new URL(base).pathname}/sso"]`);
  await page.waitForSelector('#email');
  await page.fill('#email', email);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`, { timeout: 30_000 });
}

export async function fgLogin(page: Page, base: string, fg = DEMO_FG): Promise<void> {
  await page.goto(`${base}/`);
  await page.fill('#email', fg.email);
  await page.fill('#password', fg.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
}

export interface Approval {
  note: string;
  signedOn: string;
  validUntil: string;
  conditions?: string;
}

/** Approves the request on its page with a tool record (agreement filled in); waits for the confirmation. */
export async function fgApprove(page: Page, base: string, requestId: string, approval: Approval): Promise<void> {
  if (!page.url().startsWith(`${base}/requests/${requestId}`)) await page.goto(`${base}/requests/${requestId}`);
  await page.check('#decision-approved');
  await page.fill('#note', approval.note);
  await page.check('#withTool');
  await page.selectOption('#tool-agreementType', 'model-verwerkersovereenkomst');
  await page.fill('#tool-signedOn', approval.signedOn);
  await page.fill('#tool-validUntil', approval.validUntil);
  if (approval.conditions) await page.fill('#tool-conditions', approval.conditions);
  await page.click('form[action$="/decision"] button[type=submit]');
  await page.waitForURL(/\?done=decision$/);
}

/** Publishes from the publish page; returns the new serial. */
export async function fgPublish(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/publish`);
  await page.click('form[action$="/publish"] button[type=submit]');
  await page.waitForURL(/published=\d+$/);
  return Number(/published=(\d+)$/.exec(page.url())![1]);
}
