/** A stored request as the FG API and the CSV export show it; after retention, personal data is gone. */
import type { RequestRow } from '../store/requests';

export function requestView(row: RequestRow) {
  const body = row.body;
  return {
    id: row.requestId,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    tool: body?.tool ?? { name: row.toolName, url: `https://${row.toolHost}/`, host: row.toolHost, registerId: row.registerId },
    requester: body?.requester ?? null,
    use: body?.use ?? null,
    message: body?.message ?? null,
    client: body?.client ?? null,
    note: row.note,
    toolId: row.toolId,
    updatedAt: row.updatedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    personalDataRemovedAt: row.redactedAt?.toISOString() ?? null,
  };
}

export const EXPORT_HEADER = ['id', 'receivedAt', 'status', 'tool', 'host', 'registerId', 'requesterName', 'requesterEmail', 'school', 'purpose', 'subject', 'groups', 'studentCount', 'studentAge', 'personalData', 'neededBy', 'message', 'note', 'toolId', 'decidedAt', 'decidedBy'];

export function exportRow(row: RequestRow): unknown[] {
  const v = requestView(row);
  return [v.id, v.receivedAt, v.status, v.tool.name, v.tool.host, v.tool.registerId, v.requester?.name, v.requester?.email, v.requester?.school, v.use?.purpose, v.use?.subject, v.use?.groups, v.use?.studentCount, v.use?.studentAge, v.use?.personalData.join('; '), v.use?.neededBy, v.message, v.note, v.toolId, v.decidedAt, v.decidedBy];
}
