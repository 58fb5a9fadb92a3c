import { writeFileSync } from 'node:fs';
import { ApiClient, type FetchLike } from '../support/api-client';
import { makePdf } from '../support/sample-files';

export const ADMIN = { email: 'bench@example.org', password: 'bench-password-123' };
export const BIG_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const LABEL_COUNT = 50;

const TITLES = [
  'Báo cáo kết quả thực hiện Nghị quyết', 'Dự thảo Nghị quyết Đại hội', 'Báo cáo kiểm điểm của Ban Chấp hành',
  'Phương hướng nhiệm kỳ 2026–2031', 'Báo cáo tài chính năm 2026', 'Tờ trình về chương trình làm việc',
  'Quy chế làm việc của Đại hội', 'Danh sách đoàn đại biểu', 'Báo cáo thẩm tra', 'Kế hoạch phát triển kinh tế – xã hội',
  'Báo cáo công tác xây dựng Đảng', 'Tham luận của Đảng bộ xã Gio Linh', 'Tham luận của Hội Nông dân', 'Phụ lục số liệu',
  'Chương trình Đại hội', 'Báo cáo công tác kiểm tra, giám sát', 'Dự thảo Chương trình hành động', 'Sơ đồ hội trường',
  'Hướng dẫn thảo luận tổ',
];

export interface SeededMeeting {
  admin: ApiClient;
  meetingId: string;
  sessionId: string;
  /** The session's own code. */
  token: string;
  /** Labelled variants 'Bàn 1' … 'Bàn N', in order. */
  labelled: { label: string; token: string }[];
  /** The session's documents with their sizes; the first is the 5 MB one. */
  documents: { id: string; size: number }[];
  bigDocumentId: string;
  /** A copy of the 5 MB PDF on disk, for the baseline server. */
  bigDocumentPath: string;
}

/** A published meeting with one session of 20 documents (one of 5 MB) and labelled codes, made through the HTTP API. */
export async function seedMeeting(baseUrl: string, bigDocumentPath: string, send: FetchLike = (path, init) => fetch(baseUrl + path, init)): Promise<SeededMeeting> {
  const admin = new ApiClient(send, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' });
  await admin.login(ADMIN.email, ADMIN.password);
  const meeting = await admin.post('/api/meetings', { title: 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII', venue: 'Hội trường Trung tâm Hội nghị tỉnh' });
  if (meeting.status !== 201) throw new Error(`create meeting: ${meeting.status} ${JSON.stringify(meeting.body)}`);
  const meetingId: string = meeting.body.meeting.id;
  const session = await admin.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên 2: Thảo luận văn kiện', room: 'Hội trường A' });
  const sessionId: string = session.body.session.id;

  const big = makePdf('Du thao Bao cao chinh tri', BIG_DOCUMENT_BYTES);
  writeFileSync(bigDocumentPath, big);
  const files = [{ name: 'Dự thảo Báo cáo chính trị.pdf', bytes: big, type: 'application/pdf' }];
  TITLES.forEach((title, i) => files.push({ name: `${title}.pdf`, bytes: makePdf(`Tai lieu ${i + 2}`, 30_000 + ((i * 37_000) % 400_000)), type: 'application/pdf' }));
  const upload = await admin.upload(`/api/meetings/${meetingId}/documents`, files, { sessionId });
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  const documents = (upload.body.documents as { id: string; size: number }[]).map(({ id, size }) => ({ id, size }));

  const published = await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const codes = await admin.get(`/api/sessions/${sessionId}/codes`);
  const token: string = codes.body.codes[0].token;
  const labels = Array.from({ length: LABEL_COUNT }, (_, i) => `Bàn ${i + 1}`);
  const variants = await admin.post(`/api/sessions/${sessionId}/codes`, { labels });
  if (variants.status !== 201) throw new Error(`labelled codes: ${variants.status} ${JSON.stringify(variants.body)}`);
  const labelled = (variants.body.codes as { label: string; token: string }[]).map(({ label, token }) => ({ label, token }));
  return { admin, meetingId, sessionId, token, labelled, documents, bigDocumentId: documents[0]!.id, bigDocumentPath };
}

/** View and open totals (delegates only) as the organizer's report shows them. */
export async function statsTotals(seed: SeededMeeting) {
  const r = await seed.admin.get(`/api/meetings/${seed.meetingId}/stats`);
  if (r.status !== 200) throw new Error(`stats: ${r.status}`);
  const perLabel = new Map<string | null, { views: number; opens: number }>();
  for (const l of r.body.perLabel as { label: string | null; views: number; opens: number }[]) perLabel.set(l.label, { views: l.views, opens: l.opens });
  return { ...(r.body.totals as { views: number; opens: number; devices: number; bots: number }), perLabel };
}
