/** The logged-in organizer or admin a request acts for (auth/login-sessions.ts finds it from the cookie). */
export type { SessionUserView as SessionUser } from '../../shared/api-contract';
