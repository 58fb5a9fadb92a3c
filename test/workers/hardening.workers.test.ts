/**
 * Findings 1 and 8 on Workers, inside workerd: bodies are refused at their limit while they
 * stream, and a burst of cookieless views from one address (CF-Connecting-IP) is one device
 * (grouped per isolate, under a WebCrypto HMAC with a random in-memory key).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

const PASSWORD = 'workers-hardening-Pw';
const UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

describe('Workers: body limits and counting integrity', () => {
  let h: WorkerHarness;
  let admin: ApiClient;
  let token: string;
  let meetingId: string;

  beforeAll(async () => {
    h = await makeWorkerHarness();
    await h.addUser({ email: 'hardening-admin@example.org', name: 'Admin', password: PASSWORD, role: 'admin' });
    admin = new ApiClient(h.fetch);
    await admin.login('hardening-admin@example.org', PASSWORD);
    const meeting = (await admin.post('/api/meetings', { title: 'Đếm trên Workers' })).body;
    meetingId = meeting.meeting.id;
    token = meeting.codes[0].token;
    await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên' });
    await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' });
  });

  it('refuses a streamed 1 MB login body with 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await h.fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
  });

  it('counts 20 cookieless views from one address as one device and one view', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await h.fetch(`/s/${token}`, { headers: { 'user-agent': UA, 'cf-connecting-ip': '203.0.113.9' } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    await (await h.fetch(`/s/${token}`, { headers: { 'user-agent': UA, 'cf-connecting-ip': '203.0.113.10' } })).arrayBuffer();
    const stats = (await admin.get(`/api/meetings/${meetingId}/stats`)).body;
    expect(stats.totals).toMatchObject({ views: 2, devices: 2 });
  });
});
