import { Hono } from 'hono';
import type { MeetingReportView } from '../../shared/api-contract';
import type { AppEnv } from '../app-env';
import { meetingReport } from '../access/meeting-report';
import { authorizeMeeting } from '../auth/authorize';
import type { MeetingRow } from '../auth/authorize';
import type { AppDeps } from '../app-env';
import { contentDisposition } from '../http/content-disposition';
import { reportCsv } from './report-csv';
import { renderReportPdf, REPORT_TITLE } from './render-report-pdf';

async function reportOf(deps: AppDeps, meeting: MeetingRow): Promise<MeetingReportView> {
  await deps.recorder.flush(meeting.id); // the figures include what was just recorded
  const now = deps.now();
  return { meetingId: meeting.id, meetingTitle: meeting.title, timezone: meeting.timezone, generatedAt: new Date(now).toISOString(), ...(await meetingReport(deps.db, meeting.id, now)) };
}

/** GET /api/meetings/:id/report, /report.csv[?sep=;], /report.pdf — the same figures three ways. */
export const reportRoutes = new Hono<AppEnv>()
  .get('/:id/report', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    return c.json(await reportOf(c.var.deps, meeting));
  })
  .get('/:id/report.csv', async (c) => {
    const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id'));
    const body = reportCsv(await reportOf(c.var.deps, meeting), c.req.query('sep') === ';' ? ';' : ',');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition('attachment', `${meeting.title} - báo cáo.csv`));
    c.header('Cache-Control', 'no-store');
    return c.body(body);
  })
  .get('/:id/report.pdf', async (c) => {
    const { deps } = c.var;
    const meeting = await authorizeMeeting(deps.db, c.var.user, c.req.param('id'));
    const pdf = await renderReportPdf(await reportOf(deps, meeting), meeting, await deps.loadSheetFonts());
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', contentDisposition('attachment', `${REPORT_TITLE} - ${meeting.title}.pdf`));
    c.header('Cache-Control', 'no-store');
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  });
