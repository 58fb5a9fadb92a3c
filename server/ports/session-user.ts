/** The logged-in organizer or admin a request acts for (auth/login-sessions.ts finds it from the cookie). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'organizer';
}
