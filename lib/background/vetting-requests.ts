/**
 * Wires the outbox's parts together (log, drainer, intake, status) into the one object the
 * background and its tests use. No logic of its own.
 */
import { fetchFgStatus, postRequest } from '../requests/deliver';
import type { Database } from '../storage/db';
import type { SiteResolver } from '../verdict-policy';
import type { Alarms, BackgroundEffects } from './effects';
import { createOutboxDrainer } from './outbox-drainer';
import { createOutboxLog } from './outbox-log';
import { createRequestIntake } from './request-intake';
import { createStatusRefresher } from './request-status';
import type { RequestTargets } from './view-models';

export type VettingRequestDeps = Pick<BackgroundEffects, 'now' | 'random' | 'uuid' | 't' | 'formatDate' | 'flags' | 'fetchImpl'> & {
  db: () => Promise<Database>;
  alarms: Alarms;
  storage: Pick<BackgroundEffects['storage'], 'outboxRevision' | 'teacherProfile'>;
  targets: () => Promise<RequestTargets>;
  resolveSite: () => Promise<SiteResolver>;
  onOpenRequestsChanged: () => Promise<void>;
};

export function createVettingRequests(deps: VettingRequestDeps) {
  const log = createOutboxLog({ now: deps.now, db: deps.db, revision: deps.storage.outboxRevision, onOpenRequestsChanged: deps.onOpenRequestsChanged });
  const drainer = createOutboxDrainer({
    now: deps.now, random: deps.random, db: deps.db, alarms: deps.alarms, log, targets: deps.targets,
    post: (endpoint, request, token) => postRequest(endpoint, request, deps.fetchImpl, undefined, token),
  });
  const intake = createRequestIntake({ ...deps, log, drainer, profile: deps.storage.teacherProfile });
  const refreshStatuses = createStatusRefresher({ now: deps.now, db: deps.db, log, fetchStatus: (url) => fetchFgStatus(url, deps.fetchImpl) });
  return {
    openRequests: log.openRequests,
    load: log.load,
    drain: drainer.drain,
    refreshStatuses,
    ...intake,
  };
}

export type VettingRequests = ReturnType<typeof createVettingRequests>;
