// The organizer console and signed PDFs, in chromium against the real server (test CA configured
// through SIGNATURE_TRUST_ANCHORS): the signature column, and the confirmation with both sides
// when a signed document's file is replaced by an unsigned one. Screenshots in test-output/screenshots/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemOf, signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { makePdf } from '../support/sample-files';
import { login, screenshot, startHarness, type Harness } from './console-harness';

let h: Harness;
let page: Page;
let meetingId: string;
let signed: Uint8Array;

const api = async (method: string, path: string, data?: unknown) => {
  const res = await page.request.fetch(path, { method, data: data as object | undefined, headers: data ? { 'content-type': 'application/json' } : {} });
  return { status: res.status(), body: res.status() === 204 ? null : await res.json() };
};

beforeAll(async () => {
  const { ca, signer } = await testSigners();
  const anchors = mkdtempSync(join(tmpdir(), 'qrhop-anchors-'));
  writeFileSync(join(anchors, 'test-ca.pem'), pemOf(ca.der));
  signed = await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:15:00Z') });
  h = await startHarness({ SIGNATURE_TRUST_ANCHORS: anchors });
  ({ page } = await h.newPage());
}, 180_000);
afterAll(async () => {
  expect(h?.pageErrors ?? []).toEqual([]);
  await h?.close();
});

describe('console: signed documents', { timeout: 90_000 }, () => {
  it('shows each document\'s signature in the list', async () => {
    await login(page);
    meetingId = (await api('POST', '/api/meetings', { title: 'Kỳ họp thứ 9 HĐND huyện' })).body.meeting.id;
    const upload = await page.request.fetch(`/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      multipart: {
        file: { name: 'Quyết định triệu tập.pdf', mimeType: 'application/pdf', buffer: Buffer.from(signed) },
      },
    });
    expect(upload.status()).toBe(201);
    const draft = await page.request.fetch(`/api/meetings/${meetingId}/documents`, { method: 'POST', multipart: { file: { name: 'Dự thảo.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('du thao')) } } });
    expect(draft.status()).toBe(201);
    await expect.poll(async () => (await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents.map((d: any) => d.signature.status).join(','), { timeout: 20_000 }).toBe('trusted,unsigned');
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    const row = page.getByRole('row', { name: 'Quyết định triệu tập' });
    await row.getByText('Đã ký số', { exact: true }).waitFor();
    await row.getByText('UBND huyện Gio Linh · 09:15 30/11/2026').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Chữ ký số' }).count()).toBe(1);
    await screenshot(page, 'signatures-01-document-list');
    // The report's per-document table carries it too.
    await page.goto(`/admin/meetings/${meetingId}/report`);
    await page.getByText(/· Đã ký số$/).waitFor();
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await row.waitFor();
  });

  it('updates a signature still being checked without a reload', async () => {
    const second = (await api('POST', '/api/meetings', { title: 'Hội nghị triển khai nhiệm vụ' })).body.meeting.id as string;
    const upload = await page.request.fetch(`/api/meetings/${second}/documents`, { method: 'POST', multipart: { file: { name: 'Kế hoạch.pdf', mimeType: 'application/pdf', buffer: Buffer.from(signed) } } });
    expect(upload.status()).toBe(201);
    // The list as it was before the check ended (the real answer, its status held at 'pending'):
    // the check takes milliseconds here, seconds for a 50 MB scan on a laptop.
    let held = 0;
    await page.route(`**/api/meetings/${second}`, async (route) => {
      const res = await route.fetch();
      if (held++ > 0) return route.fulfill({ response: res });
      const body = await res.json();
      for (const d of body.documents) d.signature = { status: 'pending' };
      return route.fulfill({ response: res, json: body });
    });
    await page.goto(`/admin/meetings/${second}/documents`);
    const row = page.getByRole('row', { name: 'Kế hoạch' });
    await row.getByText('Đang kiểm tra…', { exact: true }).waitFor();
    await row.getByText('Đã ký số', { exact: true }).waitFor({ timeout: 10_000 });
    await page.unroute(`**/api/meetings/${second}`);
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await page.getByRole('row', { name: 'Quyết định triệu tập' }).waitFor();
  });

  it('asks before replacing the signed file with an unsigned one, showing both, and replaces when confirmed', async () => {
    const row = page.getByRole('row', { name: 'Quyết định triệu tập' });
    await row.getByTestId('replace-input').setInputFiles({ name: 'Quyết định (nháp).pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('nhap')) });
    const dialog = page.getByRole('dialog', { name: 'Thay tệp đã ký số?' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('Đã ký số: UBND huyện Gio Linh (Nguyễn Thị Hương), ký lúc 09:15 30/11/2026');
    expect(text).toContain('Không ký số');
    await screenshot(page, 'signatures-02-replace-confirmation');
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    expect((await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents[0].version).toBe(1);

    await row.getByTestId('replace-input').setInputFiles({ name: 'Quyết định (nháp).pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('nhap')) });
    await dialog.getByRole('button', { name: 'Vẫn thay tệp' }).click();
    await page.getByText('Đã thay tệp “Quyết định triệu tập” (phiên bản 2)', { exact: false }).waitFor();
    expect((await api('GET', `/api/meetings/${meetingId}/documents`)).body.documents[0]).toMatchObject({ version: 2, signature: { status: 'unsigned' } });
  });
});
