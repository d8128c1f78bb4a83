/** The route table: /login stays free of RxDB; the signed-in screens load the data layer lazily. */
import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, Show } from 'solid-js';
import { createBranding } from './data/branding';
import { createStoredUser } from './data/session';
import type { SessionUser } from './model/user';
import { applyBranding } from './components/brand-colors';
import { BrandingContext } from './routes/branding-context';

const LoginPage = lazy(() => import('./routes/login-page'));
const SignedInLayout = lazy(() => import('./routes/signed-in-layout'));
const TicketsPage = lazy(() => import('./routes/tickets-page'));
const NewTicketPage = lazy(() => import('./routes/new-ticket-page'));
const TicketPage = lazy(() => import('./routes/ticket-page'));
const AgentPage = lazy(() => import('./routes/agent-page'));
const CustomersPage = lazy(() => import('./routes/customers-page'));
const ForgotPasswordPage = lazy(() => import('./routes/forgot-password-page'));
const ResetPasswordPage = lazy(() => import('./routes/reset-password-page'));
const InvitationPage = lazy(() => import('./routes/invitation-page'));
const SettingsPage = lazy(() => import('./routes/settings-page'));

/** The root of every screen: applies the portal's branding (colour, title) to the document. */
function Root(props: RouteSectionProps) {
  const branding = createBranding();
  createEffect(() => applyBranding(document, branding()));
  return <BrandingContext.Provider value={branding}>{props.children}</BrandingContext.Provider>;
}

/** Where a user's session lands: an agent's inbox, a customer's tickets. */
function homeFor(user: SessionUser): string {
  return user.role === 'agent' ? '/agent' : '/tickets';
}

/** `/`: an agent's inbox or a customer's tickets when a user is kept on the device, else the sign-in screen. */
function Home() {
  const user = createStoredUser();
  return <Navigate href={user() ? homeFor(user()!) : '/login'} />;
}

/** Guards the signed-in screens before any RxDB code loads: no stored user means /login. */
function RequireUser(props: RouteSectionProps) {
  const user = createStoredUser();
  return (
    // Keyed on the id: another user signing in remounts the data layer; a refreshed copy of the same one does not.
    <Show when={user()?.id} keyed fallback={<Navigate href="/login" />}>
      {(_id) => <SignedInLayout user={user()!}>{props.children}</SignedInLayout>}
    </Show>
  );
}

/** Customer screens: an agent has no tickets of their own, so /tickets sends them to their inbox. */
function CustomerOnly(props: RouteSectionProps) {
  const user = createStoredUser();
  return <Show when={user()?.role !== 'agent'} fallback={<Navigate href="/agent" />}>{props.children}</Show>;
}

/** Agent screens: a customer goes to /tickets before any agent code loads. */
function AgentOnly(props: RouteSectionProps) {
  const user = createStoredUser();
  return <Show when={user()?.role === 'agent'} fallback={<Navigate href="/tickets" />}>{props.children}</Show>;
}

/** The whole app: one router, lazy screens. */
export function App() {
  return (
    <Router root={Root}>
      <Route path="/" component={Home} />
      <Route path="/login" component={LoginPage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      <Route path="/reset-password" component={ResetPasswordPage} />
      <Route path="/invitation" component={InvitationPage} />
      {/* One signed-in layout around every signed-in screen: moving between them keeps the data layer open. */}
      <Route path="" component={RequireUser}>
        <Route path="/tickets" component={CustomerOnly}>
          <Route path="/" component={TicketsPage} />
          <Route path="/new" component={NewTicketPage} />
          <Route path="/:id" component={TicketPage} />
        </Route>
        <Route path="/agent" component={AgentOnly}>
          <Route path={['/', '/tickets/:id']} component={AgentPage} />
          <Route path="/customers" component={CustomersPage} />
        </Route>
        <Route path="/settings" component={SettingsPage} />
      </Route>
      <Route path="*" component={Home} />
    </Router>
  );
}
