/** Resolves `/b/SLUG/…` to the board; every route below reads it from here, never from input. */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { findBoard, type Board } from '../store/boards';
import { refuse } from './errors';

export type BoardEnv = { Variables: { board: Board } };

export function mountBoardResolver(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  app.use('/b/:slug/*', async (c, next) => {
    const board = await findBoard(ctx.db, c.req.param('slug'));
    if (!board) return refuse(c, 404, 'no such board');
    c.set('board', board);
    return next();
  });
}
