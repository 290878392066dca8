// @vitest-environment node
// The reference receiver's fault modes, as the extension's delivery code meets them over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRequest } from '../../lib/requests/deliver';
import type { VettingRequest } from '../../lib/requests/schema';
import { startReceiver, type Receiver } from '../../server/receiver';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver({ slowMs: 400 });
});
afterAll(() => receiver.close());

function request(n: number): VettingRequest {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: '2026-11-23T10:15:00Z',
    tool: { name: `Tool ${n}`, url: `https://tool-${n}.example/`, host: `tool-${n}.example`, registerId: null },
    requester: { name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde' },
    use: { purpose: 'Oefenen', subject: '', groups: '', studentCount: null, studentAge: '', personalData: [], neededBy: '' },
    message: '',
    client: { extensionVersion: '0.1.0', browser: 'chrome', registerSerial: 4 },
  };
}
const postsOf = (id: string) => receiver.posts.filter((p) => p.id === id).map(({ fault, result }) => ({ fault, result }));

describe('reference receiver fault modes', () => {
  it('lost: the request is stored but the client hears nothing; the retry gets 409 and counts as delivered', async () => {
    const r = request(1);
    receiver.failNext(1, 'lost');
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('retry');
    expect(receiver.requests().map((s) => s.request.id)).toEqual([r.id]);
    expect(await postRequest(receiver.endpoint, r)).toMatchObject({ kind: 'delivered', statusUrl: `${receiver.url}/api/requests/${r.id}/status` });
    expect(postsOf(r.id)).toEqual([{ fault: 'lost', result: 'stored' }, { fault: null, result: 'duplicate' }]);
    expect(receiver.requests()).toHaveLength(1);
  });

  it('drop and 503: nothing stored, the client retries; the next attempt is stored once', async () => {
    const r = request(2);
    receiver.failNext(1, 'drop');
    receiver.failNext(1, '503');
    expect(await postRequest(receiver.endpoint, r)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('could not reach') });
    expect(await postRequest(receiver.endpoint, r)).toEqual({ kind: 'retry', reason: 'HTTP 503: temporarily unavailable' });
    expect(receiver.requests().some((s) => s.request.id === r.id)).toBe(false);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('delivered');
    expect(postsOf(r.id)).toEqual([{ fault: 'drop', result: null }, { fault: '503', result: null }, { fault: null, result: 'stored' }]);
  });

  it('slow: the client gives up, the receiver stores it late; nothing stays in flight', async () => {
    const r = request(3);
    receiver.failNext(1, 'slow');
    expect(await postRequest(receiver.endpoint, r, fetch, 100)).toEqual({ kind: 'retry', reason: 'no answer within 0 seconds' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(postsOf(r.id)).toEqual([{ fault: 'slow', result: 'stored' }]);
    expect(receiver.inFlight()).toBe(0);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('delivered');
  });
});
