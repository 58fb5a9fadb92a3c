import { Hono } from 'hono';
import { addressInfo, cleanBaseUrl } from '../../shared/address-kind';
import type { BaseUrlView, PrintedSheetsResponse } from '../../shared/api-contract';
import { baseUrlInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { recordAudit } from '../audit/record-audit';
import { requireAdmin } from '../auth/require-user';
import { badRequest, forbidden } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { authorizeMeeting } from '../auth/authorize';
import { resolveBaseUrl } from './resolve-base-url';
import { findStaleSheets } from './stale-sheets';
import { writeStoredBaseUrl } from './stored-base-url';

const origin = (c: { req: { url: string } }) => new URL(c.req.url).origin;

/** GET|PUT /api/base-url — the address the codes encode, what kind it is, who can reach it. */
export const baseUrlRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db, settings, machineAddresses } = c.var.deps;
    const resolved = await resolveBaseUrl(db, settings, origin(c));
    const admin = c.var.user.role === 'admin';
    // Across all meetings for admins only: organizers see their own meetings' counts (printed-sheets).
    const stale = admin ? await findStaleSheets(db, resolved.url) : null;
    const view: BaseUrlView = {
      ...resolved,
      ...addressInfo(resolved.url),
      // PUBLIC_URL is the operator's decision: the console shows it but cannot override it.
      editable: admin && resolved.source !== 'env',
      candidates: candidateUrls(resolved.url, machineAddresses?.() ?? []),
      stale: stale && { sheets: stale.sheets, codes: stale.codes, printedWith: stale.printedWith },
    };
    return c.json(view);
  })
  .put('/', requireAdmin, async (c) => {
    const { db, settings, now } = c.var.deps;
    const input = await parseJson(c, baseUrlInput);
    if (settings.publicUrl) throw forbidden('PUBLIC_URL is set on the server; it decides the address the codes encode');
    const url = input.url === null || input.url.trim() === '' ? null : cleanBaseUrl(input.url);
    if (input.url !== null && input.url.trim() !== '' && !url) throw badRequest('url: give an address such as http://192.168.1.20:3000 or https://qr.example.vn', { field: 'url' });
    await writeStoredBaseUrl(db, url, now());
    await recordAudit(db, { userId: c.var.user.id, action: 'settings.base_url', target: url ?? '', detail: { url } }, now());
    const resolved = await resolveBaseUrl(db, settings, origin(c));
    return c.json({ ...resolved, ...addressInfo(resolved.url) });
  });

/** The machine's addresses as base URLs on the current port, real adapters first. */
function candidateUrls(current: string, addresses: { name: string; address: string; virtual: boolean }[]) {
  const port = new URL(current).port;
  const host = (a: string) => (a.includes(':') ? `[${a}]` : a);
  return [...addresses]
    .sort((a, b) => Number(a.virtual) - Number(b.virtual))
    .map((a) => ({ url: `http://${host(a.address)}${port ? `:${port}` : ''}`, adapter: a.name, virtual: a.virtual }));
}

/** GET /api/meetings/:id/printed-sheets — what was printed, and what a changed address broke. */
export const printedSheetRoutes = new Hono<AppEnv>().get('/:id/printed-sheets', async (c) => {
  const { db, settings } = c.var.deps;
  const meeting = await authorizeMeeting(db, c.var.user, c.req.param('id'));
  const { url } = await resolveBaseUrl(db, settings, origin(c));
  const stale = await findStaleSheets(db, url, meeting.id);
  const view: PrintedSheetsResponse = { baseUrl: url, stale: { sheets: stale.sheets, codes: stale.codes, printedWith: stale.printedWith } };
  return c.json(view);
});
