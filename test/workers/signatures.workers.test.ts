import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { pemOf, signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { makeWorkerHarness, ORIGIN } from './worker-harness';
import { R2Store } from '../../server/runtime/workers/r2-store';
import { describeSignatureCheck } from '../signatures/signature-check.scenarios';
import { digestStreamHash } from '../../server/runtime/workers/digest-stream-hash';

// The same verification scenarios as on Node, inside workerd, reading the R2 binding.
describeSignatureCheck('workerd, R2, portable hash', async () => ({ store: new R2Store(env.DOCUMENTS) }));
describeSignatureCheck('workerd, R2, DigestStream hash', async () => ({ store: new R2Store(env.DOCUMENTS), hash: digestStreamHash }));

describe('signature check after an upload, on the Workers entry (D1, R2, waitUntil)', () => {
  it('checks the stored PDF after the answer and shows it in the console list and on the delegate page', async () => {
    const { ca, signer } = await testSigners();
    const h = await makeWorkerHarness({ SIGNATURE_TRUST_ANCHORS_PEM: pemOf(ca.der), MAX_UPLOAD_MB: '5' });
    await h.addUser({ email: 'sig-admin@example.org', password: 'a long admin password', name: 'Admin', role: 'admin' });
    const api = new ApiClient(h.fetch, { origin: ORIGIN });
    await api.login('sig-admin@example.org', 'a long admin password');
    const meeting = (await api.post('/api/meetings', { title: 'Kỳ họp HĐND huyện Gio Linh' })).body.meeting;
    const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên khai mạc' })).body.session;
    const signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:00:00Z') });
    const up = await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Quyết định.pdf', bytes: signed, type: 'application/pdf' }], { sessionId: session.id });
    expect(up.status).toBe(201);
    // The harness waits for the request's waitUntil work, as the runtime does.
    const docs = (await api.get(`/api/meetings/${meeting.id}/documents`)).body.documents;
    expect(docs[0].signature).toMatchObject({ status: 'trusted', organization: 'UBND huyện Gio Linh', signer: 'Nguyễn Thị Hương' });
    await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
    const token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
    const html = await (await h.fetch(`/s/${token}`)).text();
    expect(html).toContain('✓ Đã ký số · UBND huyện Gio Linh · 09:00 30/11/2026');
  });
});
