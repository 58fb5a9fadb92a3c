// The console speaks the API contract declared in shared/api-contract.ts (types only:
// nothing of the server reaches the bundle, and web/ imports nothing from server/).
import type {
  AgendaSessionView, CodeView, DocumentView, MeResponse, MeetingDetailView, MeetingReportView, MeetingStatsView, MeetingView, UserView,
} from '../../../shared/api-contract';

export type { MeetingStatus } from '../../../shared/api-contract';
export type Meeting = MeetingView;
export type MeetingDetail = MeetingDetailView;
export type AgendaSession = AgendaSessionView;
export type DocumentItem = DocumentView;
export type Code = CodeView;
export type Stats = MeetingStatsView;
export type Report = MeetingReportView;
export type User = UserView;
export type Me = MeResponse;
export type { LabelledCopiesView as LabelledCopies, MeetingBooksView as MeetingBooks } from '../../../shared/api-contract';
export type { BaseUrlView, CreateCodesResponse, PrintedSheetsResponse, SetupStateView, StaleSheetsView, TestScanView } from '../../../shared/api-contract';
