/** A real server (server/runtime/node/node.ts in a child process) with a published meeting, for the delegate browser tests. */
import { ApiClient } from '../support/api-client';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

export const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'a long admin password' };
export const PIN = '482913';

export const DOCUMENT_TITLES = [
  'Báo cáo chính trị của Ban Chấp hành Đảng bộ huyện khóa XIX trình Đại hội XX', 'Báo cáo kiểm điểm của Ban Chấp hành nhiệm kỳ 2020–2025',
  'Dự thảo Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX', 'Tờ trình về số lượng Ban Chấp hành khóa mới',
  'Phương hướng, nhiệm vụ phát triển kinh tế – xã hội 2026–2030', 'Báo cáo tổng hợp ý kiến góp ý vào dự thảo văn kiện',
  'Quy chế làm việc của Đại hội', 'Chương trình Đại hội (chi tiết theo giờ)', 'Danh sách đại biểu chính thức theo đoàn',
  'Báo cáo thẩm tra tư cách đại biểu', 'Phụ lục số liệu kinh tế – xã hội giai đoạn 2020–2025', 'Báo cáo công tác kiểm tra, giám sát',
  'Đề án phát triển nông nghiệp ứng dụng công nghệ cao', 'Đề án chuyển đổi số huyện Gio Linh đến năm 2030', 'Báo cáo thực hiện Nghị quyết về nông thôn mới',
  'Tham luận của Đoàn xã Gio Mỹ', 'Tham luận của Đoàn thị trấn Gio Linh', 'Hướng dẫn biểu quyết điện tử',
  'Sơ đồ hội trường và vị trí các đoàn', 'Thông tin liên hệ Ban Tổ chức Đại hội',
];

export interface SeededServer {
  server: RunningServer;
  api: ApiClient;
  meetingId: string;
  sessionId: string;
  /** A session with 20 documents. */
  token: string;
  documents: { id: string; title: string; size: number }[];
  pinToken: string;
  notReleasedToken: string;
  unknownToken: string;
  upload(title: string): Promise<{ id: string; title: string }>;
}

export async function seedServer(): Promise<SeededServer> {
  const server = await startServer(ADMIN);
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  const meeting = (await api.post('/api/meetings', { title: 'Đại hội đại biểu Đảng bộ huyện Gio Linh lần thứ XX', venue: 'Hội trường Huyện ủy' })).body.meeting;
  const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên trù bị: thông qua chương trình, quy chế', startsAt: '2026-12-01T07:30:00+07:00', room: 'Hội trường lớn' })).body.session;
  const files = DOCUMENT_TITLES.map((t, i) => ({ name: `${t}.pdf`, bytes: makePdf(`Tai lieu ${i + 1}`, 20_000 + i * 3000), type: 'application/pdf' }));
  const up = await api.upload(`/api/meetings/${meeting.id}/documents`, files, { sessionId: session.id });
  if (up.status !== 201) throw new Error(`upload ${up.status}`);
  const pinSession = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên kín: công tác nhân sự', pin: PIN })).body.session;
  await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Danh sách đề cử.pdf', bytes: makePdf('de cu') }], { sessionId: pinSession.id });
  const laterSession = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên bế mạc', startsAt: '2030-12-02T14:00:00+07:00' })).body.session;
  const later = await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Nghị quyết Đại hội.pdf', bytes: makePdf('nghi quyet') }], { sessionId: laterSession.id });
  await api.patch(`/api/documents/${later.body.documents[0].id}`, { releaseAt: '2030-12-02T14:00:00+07:00' });
  const published = await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
  if (published.status !== 200) throw new Error(`publish ${published.status}`);
  const tokenOf = async (sessionId: string) => (await api.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token as string;
  return {
    server, api, meetingId: meeting.id, sessionId: session.id,
    token: await tokenOf(session.id), documents: up.body.documents, pinToken: await tokenOf(pinSession.id), notReleasedToken: await tokenOf(laterSession.id),
    unknownToken: 'AAAAAAAAAAAAAAAAAAAAAA',
    async upload(title: string) {
      const r = await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: `${title}.pdf`, bytes: makePdf('moi') }], { sessionId: session.id });
      return r.body.documents[0];
    },
  };
}
