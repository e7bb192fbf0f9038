import type { ComponentChildren } from "preact";
import type { UserContext } from "../../shared/persona";
import { describeError } from "./describe-error";
import { OktaSection } from "./okta-section";
import type { Send } from "./overlay-port";
import { PersonaSection } from "./persona-section";
import { RecentActions } from "./recent-actions";
import { tenantBinding } from "./tenant-binding";
import type { ContextState } from "./use-user-context";

/**
 * The panel's body for each state of the context: loading (the previous answer kept while it reloads), not set
 * up, signed out, failed with a retry, or ready. `ready` draws what `tabs` says for the context.
 */
export function OverlayBody({
  state,
  send,
  onRetry,
  ready,
}: {
  state: ContextState;
  send: Send;
  onRetry: () => void;
  ready: (context: UserContext) => ComponentChildren;
}) {
  const openOptions = () => void send("options.open", {});
  switch (state.kind) {
    case "loading":
      if (state.previous) return <>{ready(state.previous)}</>;
      return (
        <p class="hint" data-poc="loading" aria-busy="true">
          Reading Okta and Persona…
        </p>
      );
    case "not-configured":
      return (
        <div class="notice">
          <p>The companion is not set up in this browser: {state.error.message}</p>
          <button type="button" data-poc="open-options" onClick={openOptions}>
            Open the companion's options
          </button>
        </div>
      );
    case "signed-out":
      return (
        <div class="notice">
          <p>
            {state.error.code === "session_expired" ? "Your session ended." : "You are not signed in."} Sign in with your organization's SSO to see Persona
            context and act on this user.
          </p>
          <button type="button" data-poc="sign-in" onClick={openOptions}>
            Sign in
          </button>
        </div>
      );
    case "error":
      return (
        <div class="notice bad" data-poc="error">
          <p>The companion could not read this user: {describeError(state.error)}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case "ready":
      return <>{ready(state.context)}</>;
  }
}

/** The Overview tab: Okta, Persona, the actions (on the user's own console only) and recent actions. */
export function Overview({ context, consoleHost, nowMs, actions }: { context: UserContext; consoleHost: string; nowMs: number; actions: ComponentChildren }) {
  const tenant = tenantBinding(context.oktaTenant, consoleHost);
  return (
    <>
      <OktaSection okta={context.okta} error={context.oktaError} nowMs={nowMs} />
      <PersonaSection persona={context.persona} nowMs={nowMs} />
      {tenant.bound ? (
        actions
      ) : (
        <p class="notice warn" data-poc="tenant-mismatch" role="note">
          {tenant.note}
        </p>
      )}
      <RecentActions entries={context.recentAudit} nowMs={nowMs} />
    </>
  );
}
