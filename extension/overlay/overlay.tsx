import { useState } from "preact/hooks";
import type { TemporaryAccessCode } from "../../shared/okta-proxy";
import type { UserContext } from "../../shared/persona";
import type { Reply } from "../lib/protocol";
import { ActionBar } from "./action-bar";
import { ACTION_COPY, type OverlayAction } from "./action-copy";
import { ConfirmDialog, type ConfirmTarget } from "./confirm-dialog";
import { describeError } from "./describe-error";
import { OktaSection } from "./okta-section";
import type { Send } from "./overlay-port";
import { PersonaSection } from "./persona-section";
import { RecentActions } from "./recent-actions";
import { TacCode } from "./tac-code";
import { tenantBinding } from "./tenant-binding";
import { type ContextState, useUserContext } from "./use-user-context";

export interface OverlayProps {
  userId: string;
  /** The console page's `location.hostname`: actions are offered only on the answering credential's own console. */
  consoleHost: string;
  send: Send;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  nowMs?: () => number;
  /** The first context answer, already asked for while the panel was mounted. */
  prefetched?: Promise<Reply<UserContext>>;
}

type Announcement = { text: string; tone: "good" | "bad" };

/**
 * The panel on an Okta user's page: Okta status and groups, the matching Persona case and inquiries, the actions
 * this admin may take, and recent actions. Mounted once per user (keyed by ID), so nothing of one user's panel
 * (a dialog, a temporary access code) survives navigation to another.
 */
export function Overlay({ userId, consoleHost, send, collapsed, onCollapsedChange, nowMs = Date.now, prefetched }: OverlayProps) {
  const { state, reload } = useUserContext(send, userId, nowMs, prefetched);
  const [confirming, setConfirming] = useState<OverlayAction | null>(null);
  const [inFlight, setInFlight] = useState<OverlayAction | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [tac, setTac] = useState<TemporaryAccessCode | null>(null);
  const context = state.kind === "ready" ? state.context : state.kind === "loading" ? state.previous : null;
  const target = confirmTarget(context, userId);
  const bound = context !== null && tenantBinding(context.oktaTenant, consoleHost).bound;

  const run = async (action: OverlayAction) => {
    setConfirming(null);
    // Checked again as it runs, not only when the buttons are drawn: the context may have been reloaded meanwhile.
    if (!bound) return;
    setInFlight(action);
    setAnnouncement(null);
    const copy = ACTION_COPY[action];
    if (action === "temporary_access_code") {
      const reply = await send("overlay.tac", { userId });
      if (reply.ok) {
        setTac(reply.data);
        setAnnouncement({ text: `${copy.done} ${target.who}. It is shown once below.`, tone: "good" });
      } else setAnnouncement({ text: `${copy.label} failed: ${describeError(reply.error)}`, tone: "bad" });
    } else {
      const reply = await send("overlay.lifecycle", { userId, action });
      if (reply.ok) {
        const requestId = reply.data.oktaRequestId ? ` (Okta request ${reply.data.oktaRequestId})` : "";
        setAnnouncement({ text: `${copy.done} ${target.who}.${requestId}`, tone: "good" });
      } else setAnnouncement({ text: `${copy.label} failed: ${describeError(reply.error)}`, tone: "bad" });
    }
    setInFlight(null);
    reload();
  };

  const onAction = (action: OverlayAction) => {
    if (!bound) return;
    if (ACTION_COPY[action].friction === "none") void run(action);
    else setConfirming(action);
  };

  const refresh = () => {
    setTac(null);
    reload();
  };

  return (
    <section class="card" data-poc="overlay" data-state={state.kind} aria-label="Persona Okta Companion">
      <header class="head">
        <h2>
          Persona <span class="hint">for</span> {target.who}
        </h2>
        <div class="head-buttons">
          <button
            type="button"
            data-poc="refresh"
            onClick={refresh}
            disabled={state.kind === "loading" || inFlight !== null}
            title="Read Okta and Persona again"
          >
            Refresh
          </button>
          <button type="button" data-poc="collapse" aria-expanded={!collapsed} onClick={() => onCollapsedChange(!collapsed)} title="Alt+Shift+P">
            {collapsed ? "Show" : "Hide"}
          </button>
        </div>
      </header>
      {collapsed ? null : (
        <div class="body">
          <Body state={state} consoleHost={consoleHost} nowMs={nowMs()} send={send} inFlight={inFlight} onAction={onAction} onRetry={refresh} />
          {tac ? <TacCode tac={tac} onDismiss={() => setTac(null)} /> : null}
          {confirming && bound ? (
            <ConfirmDialog
              key={confirming}
              copy={ACTION_COPY[confirming]}
              target={target}
              onConfirm={() => void run(confirming)}
              onCancel={() => setConfirming(null)}
            />
          ) : null}
        </div>
      )}
      <p class={`announce ${announcement?.tone ?? ""}`} data-poc="announce" role="status" aria-live="polite">
        {announcement?.text ?? ""}
      </p>
    </section>
  );
}

function Body({
  state,
  consoleHost,
  nowMs,
  send,
  inFlight,
  onAction,
  onRetry,
}: {
  state: ContextState;
  consoleHost: string;
  nowMs: number;
  send: Send;
  inFlight: OverlayAction | null;
  onAction: (action: OverlayAction) => void;
  onRetry: () => void;
}) {
  const openOptions = () => void send("options.open", {});
  switch (state.kind) {
    case "loading":
      if (state.previous) return <Ready context={state.previous} consoleHost={consoleHost} nowMs={nowMs} inFlight={inFlight} busy onAction={onAction} />;
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
      return <Ready context={state.context} consoleHost={consoleHost} nowMs={nowMs} inFlight={inFlight} busy={inFlight !== null} onAction={onAction} />;
  }
}

function Ready({
  context,
  consoleHost,
  nowMs,
  inFlight,
  busy,
  onAction,
}: {
  context: UserContext;
  consoleHost: string;
  nowMs: number;
  inFlight: OverlayAction | null;
  busy: boolean;
  onAction: (action: OverlayAction) => void;
}) {
  const tenant = tenantBinding(context.oktaTenant, consoleHost);
  return (
    <>
      <OktaSection okta={context.okta} error={context.oktaError} nowMs={nowMs} />
      <PersonaSection persona={context.persona} nowMs={nowMs} />
      {tenant.bound ? (
        <ActionBar allowed={context.allowedActions} inFlight={inFlight} disabled={busy} onAction={onAction} />
      ) : (
        <p class="notice warn" data-poc="tenant-mismatch" role="note">
          {tenant.note}
        </p>
      )}
      <RecentActions entries={context.recentAudit} nowMs={nowMs} />
    </>
  );
}

/** "Ada Lovelace (ada@acme.test)", or the ID until Okta has answered. */
function confirmTarget(context: UserContext | null, userId: string): ConfirmTarget {
  const profile = context?.okta?.profile;
  if (!profile) return { who: userId, login: null };
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(" ");
  const login = profile.login ?? profile.email;
  return { who: name && login ? `${name} (${login})` : name || login || userId, login };
}
