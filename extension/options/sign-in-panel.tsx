import { send } from "../lib/messages";
import type { SessionView } from "../lib/protocol";
import type { Settings } from "../lib/settings-schema";
import { BusyButton } from "./busy-button";
import { formatTime } from "./format";
import { Announce, useAction } from "./status";

/**
 * Sign in (the background opens the organization's IdP through launchWebAuthFlow), sign out, and who is signed in
 * to which organization until when.
 */
export function SignInPanel({
  settings,
  session,
  onSession,
}: {
  settings: Settings | null;
  session: SessionView | null;
  onSession: (session: SessionView | null) => void;
}) {
  const { busy, message, run } = useAction();
  const signIn = () =>
    void run(
      "sign-in",
      () => send("auth.signIn", {}),
      (view) => {
        onSession(view);
        return `Signed in as ${view.email}.`;
      },
    );
  const signOut = () =>
    void run(
      "sign-out",
      () => send("auth.signOut", {}),
      () => {
        onSession(null);
        return "Signed out.";
      },
    );
  const stale = session !== null && settings !== null && (session.orgId !== settings.orgId || session.workerUrl !== settings.workerUrl);

  return (
    <section data-section="session" aria-labelledby="session-heading">
      <h2 id="session-heading">Sign-in</h2>
      {session ? (
        <>
          <p data-poc="signed-in-as">
            Signed in as <strong>{session.email}</strong> ({session.role}) to organization <strong>{session.orgId}</strong>, until{" "}
            <time dateTime={session.expiresAt}>{formatTime(session.expiresAt)}</time>.
          </p>
          {stale && <p class="hint">This session belongs to other settings than the saved ones: sign out and sign in again.</p>}
          <BusyButton busy={busy} poc="sign-out" onClick={signOut} action="sign-out" working="Signing out…">
            Sign out
          </BusyButton>
        </>
      ) : (
        <>
          <p data-poc="signed-out">{settings ? `Not signed in to ${settings.orgId}.` : "Save the worker URL and organization ID first, then sign in."}</p>
          <BusyButton busy={busy} poc="sign-in" onClick={signIn} action="sign-in" working="Signing in…" disabled={settings === null}>
            Sign in
          </BusyButton>
        </>
      )}
      <Announce message={message} />
    </section>
  );
}
