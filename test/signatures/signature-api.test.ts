/**
 * Signed PDFs through the real app (SQLite, local store, job runner): the background check after
 * an upload, what the console, the delegate page, the report and the CSV carry, and the
 * confirmation asked when a signed document is replaced by an unsigned or differently signed file.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../server/jobs/job-runner';
import { nodeHash } from '../../server/runtime/node/node-hash';
import { CHECK_SIGNATURES, queueStaleSignatureChecks } from '../../server/signatures/check-document-signatures';
import { checkSignaturesJob } from '../../server/signatures/check-signatures-job';
import { loadTrustAnchors } from '../../server/signatures/trust-anchors';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';
import { appendAnnotation, makeIdentity, signedPdf, testSigners, type Identity } from './sign-pdf-fixture';

const ADMIN = { email: 'admin@example.org', password: 'a long admin password', name: 'Admin', role: 'admin' as const };

describe('signed PDFs through the app', () => {
  let h: NodeTestApp;
  let api: ApiClient;
  let runner: JobRunner;
  let ca: Identity;
  let signer: Identity;
  let meetingId: string;
  let sessionId: string;
  const ids: Record<string, string> = {};
  let signed: Uint8Array;

  beforeAll(async () => {
    h = await makeNodeApp({ settings: { maxUploadBytes: 5 * 1024 * 1024 } });
    ({ ca, signer } = await testSigners());
    h.deps.signatures = { anchors: await loadTrustAnchors([{ name: 'ca.der', bytes: ca.der }]), hash: nodeHash };
    runner = new JobRunner({ db: h.deps.db, now: h.deps.now }, { [CHECK_SIGNATURES]: checkSignaturesJob({ store: h.store, signatures: h.deps.signatures, onChecked: () => h.deps.pageCache.clear() }) }, { concurrency: 1, pollMs: 50, log: () => {} });
    h.deps.jobs = runner;
    await h.addUser(ADMIN);
    api = new ApiClient(h.fetch);
    await api.login(ADMIN.email, ADMIN.password);
    meetingId = (await api.post('/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện Gio Linh' })).body.meeting.id;
    sessionId = (await api.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' })).body.session.id;
    signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:00:00Z') });
    const flipped = signed.slice();
    flipped[200]! ^= 1;
    const files = [
      { name: 'Quyết định ký số.pdf', bytes: signed, type: 'application/pdf' },
      { name: 'Tờ trình sai chữ ký.pdf', bytes: flipped, type: 'application/pdf' },
      { name: 'Báo cáo có ghi chú.pdf', bytes: appendAnnotation(signed), type: 'application/pdf' },
      { name: 'Dự thảo.pdf', bytes: makePdf('du thao'), type: 'application/pdf' },
      { name: 'Ghi chú.txt', bytes: new TextEncoder().encode('ghi chú'), type: 'text/plain' },
    ];
    const up = await api.upload(`/api/meetings/${meetingId}/documents`, files, { sessionId });
    expect(up.status).toBe(201);
    for (const d of up.body.documents) ids[d.title] = d.id;
    await runner.start();
    await runner.idle();
    // Published, so that each case can read the delegate page on its own.
    expect((await api.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });

  it('checks each PDF in the background and shows the status in the console list', async () => {
    const { body } = await api.get(`/api/meetings/${meetingId}/documents`);
    const byTitle = Object.fromEntries(body.documents.map((d: any) => [d.title, d.signature]));
    expect(byTitle['Quyết định ký số']).toMatchObject({ status: 'trusted', organization: 'UBND huyện Gio Linh', signer: 'Nguyễn Thị Hương', issuer: 'QRHop Test CA', time: '2026-11-30T02:00:00.000Z' });
    expect(byTitle['Tờ trình sai chữ ký']).toMatchObject({ status: 'invalid', reason: 'digest_mismatch' });
    expect(byTitle['Báo cáo có ghi chú']).toMatchObject({ status: 'modified', changes: ['annotations'] });
    expect(byTitle['Dự thảo']).toEqual({ status: 'unsigned' });
    expect(byTitle['Ghi chú']).toBeNull(); // not a PDF: never checked
  });

  it('queues again, at start, the checks whose trust was judged against other anchors', async () => {
    expect(await queueStaleSignatureChecks(h.deps.db, h.deps.signatures!.anchors, Date.now())).toBe(0);
    const other = await loadTrustAnchors([{ name: 'other.der', bytes: (await makeIdentity({ subject: { commonName: 'Other CA' }, isCa: true })).der }]);
    // trusted and modified depend on the anchors; invalid and unsigned do not.
    expect(await queueStaleSignatureChecks(h.deps.db, other, Date.now())).toBe(2);
    await runner.idle();
    expect(await queueStaleSignatureChecks(h.deps.db, h.deps.signatures!.anchors, Date.now())).toBe(0);
  });

  it('shows the badge and its details on the delegate page, and the status in the report and the CSV', async () => {
    const token = (await api.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    const vi = await (await h.fetch(`/s/${token}`, { headers: { 'accept-language': 'vi' } })).text();
    expect(vi).toContain('<summary>✓ Đã ký số · UBND huyện Gio Linh · 09:00 30/11/2026</summary>');
    expect(vi).toContain('<dt>Người ký</dt><dd>Nguyễn Thị Hương</dd>');
    expect(vi).toContain('<dt>Tổ chức cấp chứng thư</dt><dd>QRHop Test CA</dd>');
    expect(vi).toContain('⚠ Chữ ký không hợp lệ');
    expect(vi).toContain('⚠ Đã sửa sau khi ký');
    expect(vi).toContain('thêm chú thích sau khi ký');
    // The changed one's signature itself still chains to the configured CA: said as such.
    expect(vi).toMatch(/Đã sửa sau khi ký<\/summary>.*?<dt>Tin cậy<\/dt><dd>Có/);
    expect(vi.match(/<details class="sig/g)).toHaveLength(3); // none for the unsigned draft and the text file
    const en = await (await h.fetch(`/s/${token}?lang=en`)).text();
    expect(en).toContain('✓ Digitally signed · UBND huyện Gio Linh · 30/11/2026, 09:00');
    expect(en).toContain('⚠ Invalid signature');

    const stats = (await api.get(`/api/meetings/${meetingId}/stats`)).body;
    const perDoc = Object.fromEntries(stats.perDocument.map((d: any) => [d.title, d.signature]));
    expect(perDoc).toMatchObject({ 'Quyết định ký số': 'trusted', 'Tờ trình sai chữ ký': 'invalid', 'Dự thảo': 'unsigned', 'Ghi chú': null });
    await h.fetch(`/s/${token}/d/${ids['Quyết định ký số']}`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile Safari/537.36', 'sec-fetch-dest': 'document' } });
    const csv = await (await api.fetch(`/api/meetings/${meetingId}/access.csv`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(',').at(-1)).toBe('document_signature');
    expect(lines.some((l) => l.includes('Quyết định ký số') && l.endsWith(',trusted'))).toBe(true);
  });

  it('asks before a signed document is replaced by an unsigned or differently signed file, and shows the difference', async () => {
    const id = ids['Quyết định ký số'];
    const unsigned = await api.upload(`/api/documents/${id}/file`, [{ name: 'Quyết định (bản nháp).pdf', bytes: makePdf('nhap'), type: 'application/pdf' }], {}, 'PUT');
    expect(unsigned.status).toBe(409);
    expect(unsigned.body.error.code).toBe('signature_change');
    expect(unsigned.body.error.signatureChange).toMatchObject({
      before: { status: 'trusted', organization: 'UBND huyện Gio Linh', signer: 'Nguyễn Thị Hương' },
      after: { status: 'unsigned' },
    });
    // Nothing changed: still version 1, and the refused object is gone from the store.
    let doc = (await api.get(`/api/meetings/${meetingId}/documents`)).body.documents.find((d: any) => d.id === id);
    expect(doc.version).toBe(1);
    const keys: string[] = [];
    for await (const o of h.store.list()) keys.push(o.key);
    expect(keys.filter((k) => k.includes(id!))).toHaveLength(1);

    const other = await makeIdentity({ issuer: ca, subject: { commonName: 'Trần Văn B', organization: 'UBND xã Gio Mỹ' } });
    const differently = await api.upload(`/api/documents/${id}/file`, [{ name: 'Quyết định.pdf', bytes: await signedPdf({ signer: other, chain: [ca] }), type: 'application/pdf' }], {}, 'PUT');
    expect(differently.status).toBe(409);
    expect(differently.body.error.signatureChange.after).toMatchObject({ status: 'trusted', organization: 'UBND xã Gio Mỹ' });

    // Re-signed by the same certificate: no question.
    const same = await api.upload(`/api/documents/${id}/file`, [{ name: 'Quyết định.pdf', bytes: await signedPdf({ signer, chain: [ca] }), type: 'application/pdf' }], {}, 'PUT');
    expect(same.status).toBe(200);
    expect(same.body.document).toMatchObject({ version: 2, signature: { status: 'trusted' } });

    const confirmed = await api.upload(`/api/documents/${id}/file?confirm=1`, [{ name: 'Quyết định (bản nháp).pdf', bytes: makePdf('nhap'), type: 'application/pdf' }], {}, 'PUT');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.document).toMatchObject({ version: 3, signature: { status: 'unsigned' } });
    doc = (await api.get(`/api/meetings/${meetingId}/documents`)).body.documents.find((d: any) => d.id === id);
    expect(doc.signature).toEqual({ status: 'unsigned' });
    // An unsigned document replaced by anything: no question asked.
    const again = await api.upload(`/api/documents/${id}/file`, [{ name: 'Quyết định.pdf', bytes: signed, type: 'application/pdf' }], {}, 'PUT');
    expect(again.status).toBe(200);
  });

  it('keeps a 20-document session with a badge on every document under 14 KB compressed', async () => {
    const session = (await api.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên thảo luận: 20 văn bản đã ký số' })).body.session;
    const files = await Promise.all(Array.from({ length: 20 }, async (_, i) => ({
      name: `Tờ trình số ${i + 1} về dự toán ngân sách huyện năm 2027.pdf`, type: 'application/pdf',
      bytes: await signedPdf({ signer, chain: [ca], placeholder: { m: "D:20261130090000+07'00'" } }),
    })));
    expect((await api.upload(`/api/meetings/${meetingId}/documents`, files, { sessionId: session.id })).status).toBe(201);
    await runner.idle();
    const token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
    const html = await (await h.fetch(`/s/${token}`)).text();
    expect(html.match(/<details class="sig">/g)).toHaveLength(20);
    const compressed = gzipSync(html).length;
    console.log(`delegate page, 20 signed documents with badges: ${html.length} B, ${compressed} B gzip`);
    expect(compressed).toBeLessThan(14 * 1024);
  }, 60_000);

  it('says on the reader (a copy) that the signature lives in the original, and links it', async () => {
    const token = (await api.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    const id = ids['Báo cáo có ghi chú'];
    const vi = await (await h.fetch(`/s/${token}/r/${id}`)).text();
    expect(vi).toContain('⚠ Đã sửa sau khi ký');
    expect(vi).toContain(`chữ ký số nằm trong bản gốc. <a href="/s/${token}/d/${id}?download=1" download>Tải bản gốc có chữ ký số</a>`);
    const en = await (await h.fetch(`/s/${token}/r/${id}?lang=en`)).text();
    expect(en).toContain('Download the signed original');
    // An unsigned document's reader says nothing about signatures.
    const draft = await (await h.fetch(`/s/${token}/r/${ids['Dự thảo']}`)).text();
    expect(draft).not.toContain('class="copy"');
    expect(draft).not.toContain('<details class="sig');
  });

  it('serves the signed original byte for byte', async () => {
    const token = (await api.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    const id = ids['Tờ trình sai chữ ký'];
    const res = await h.fetch(`/s/${token}/d/${id}?download=1`);
    expect(res.status).toBe(200);
    const original = signed.slice();
    original[200]! ^= 1;
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(original);
  });
});
