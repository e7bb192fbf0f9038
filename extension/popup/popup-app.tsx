import { browser } from "wxt/browser";
import { send } from "../lib/messages";
import type { Health, SessionView } from "../lib/protocol";
import { formatTime } from "../options/format";
import { LoadedView } from "../options/loaded-view";
import { useLoad } from "../options/use-load";

/** Who is signed in to which organization, whether the worker answers, and the way to the options page. */
export function PopupApp() {
  const session = useLoad(() => send("session.get", {}), []);
  const health = useLoad(() => send("worker.health", {}), []);
  const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());

  return (
    <main>
      <h1>Persona Okta Companion</h1>
      <section data-section="session" aria-labelledby="popup-session">
        <h2 id="popup-session">Session</h2>
        <LoadedView loaded={session.loaded} what="the session">
          {(view) => <SessionLine session={view} onSignIn={openOptions} />}
        </LoadedView>
      </section>
      <section data-section="health" aria-labelledby="popup-health">
        <h2 id="popup-health">Worker</h2>
        <LoadedView loaded={health.loaded} what="the worker's health">
          {(answer) => <HealthLine health={answer} />}
        </LoadedView>
        <button type="button" data-poc="recheck" onClick={health.reload}>
          Check again
        </button>
      </section>
      <button type="button" data-poc="open-options" onClick={openOptions}>
        Open settings
      </button>
    </main>
  );
}

function SessionLine({ session, onSignIn }: { session: SessionView | null; onSignIn: () => void }) {
  if (!session) {
    return (
      <>
        <p data-poc="signed-out">Not signed in.</p>
        <button type="button" data-poc="sign-in" onClick={onSignIn}>
          Sign in
        </button>
      </>
    );
  }
  return (
    <p data-poc="signed-in-as">
      {session.email} ({session.role}) in <strong>{session.orgId}</strong>, until <time dateTime={session.expiresAt}>{formatTime(session.expiresAt)}</time>
    </p>
  );
}

function HealthLine({ health }: { health: Health }) {
  return (
    <p data-poc="health" data-reachable={String(health.reachable)} aria-live="polite">
      {health.reachable
        ? `Reachable: HTTP ${health.status ?? "?"}${health.latencyMs !== null ? ` in ${Math.round(health.latencyMs)} ms` : ""}.`
        : `Unreachable${health.status !== null ? ` (HTTP ${health.status})` : ""}.`}
    </p>
  );
}
