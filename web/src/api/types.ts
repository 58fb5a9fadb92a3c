// The console speaks the server's own view types (type-only imports: nothing of the server reaches the bundle).
import type { meetingStats } from '../../../server/access/meeting-stats';
import type { SessionUser } from '../../../server/auth/login-sessions';
import type { CodeView } from '../../../server/codes/code-view';
import type { DocumentView } from '../../../server/documents/document-view';
import type { meetingDetail, toMeetingView } from '../../../server/meetings/meeting-domain';
import type { toUserView } from '../../../server/users/user-domain';

export type Meeting = ReturnType<typeof toMeetingView>;
export type MeetingStatus = Meeting['status'];
export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;
export type AgendaSession = MeetingDetail['sessions'][number];
export type DocumentItem = DocumentView;
export type Code = CodeView;
export type Stats = Awaited<ReturnType<typeof meetingStats>> & { meetingId: string };
export type User = ReturnType<typeof toUserView>;
export type Me = { user: SessionUser; limits: { maxUploadBytes: number } };
