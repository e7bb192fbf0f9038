import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { TemporaryAccessCode } from "../../shared/okta-proxy";
import type { UserContext } from "../../shared/persona";
import type { RecoveryProof } from "../../shared/verification";
import type { Reply } from "../lib/protocol";
import { ActionBar } from "./action-bar";
import { ACTION_COPY, OVERLAY_ACTIONS, type OverlayAction } from "./action-copy";
import { ConfirmDialog, type ConfirmTarget } from "./confirm-dialog";
import { describeError } from "./describe-error";
import { OktaSection } from "./okta-section";
import type { Send } from "./overlay-port";
import { PersonaSection } from "./persona-section";
import { RecentActions } from "./recent-actions";
import { TacCode } from "./tac-code";
import { tenantBinding } from "./tenant-binding";
import { type ContextState, useUserContext } from "./use-user-context";
import { useVerification } from "./use-verification";
import { VerificationPanel } from "./verification-panel";
import { type Gate, gateOf, panelState } from "./verification-state";

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
  const [confirming, setConfirming] = useState<{ action: OverlayAction; override: boolean } | null>(null);
  const [inFlight, setInFlight] = useState<OverlayAction | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [tac, setTac] = useState<TemporaryAccessCode | null>(null);
  const context = state.kind === "ready" ? state.context : state.kind === "loading" ? state.previous : null;
  const target = confirmTarget(context, userId);
  const bound = context !== null && tenantBinding(context.oktaTenant, consoleHost).bound;
  // The gated actions offered here: the panel exists for them (and is asked for only then).
  const required = context?.verificationRequiredFor ?? [];
  const gated = OVERLAY_ACTIONS.filter((action) => required.includes(action) && context?.allowedActions.includes(action));
  const verification = useVerification(send, userId, bound && gated.length > 0);
  const now = nowMs();
  const panel = panelState(verification.latest, verification.issued, now);
  const gates: Partial<Record<OverlayAction, Gate>> = Object.fromEntries(gated.map((action) => [action, gateOf(action, required, panel, verification.latest)]));
  const admin = verification.role === "admin";

  const run = async (action: OverlayAction, overrideReason?: string) => {
    setConfirming(null);
    // Checked again as it runs, not only when the buttons are drawn: the context may have been reloaded meanwhile.
    if (!bound) return;
    const gate = gates[action];
    const proof: RecoveryProof = overrideReason !== undefined ? { overrideReason } : gate?.kind === "verified" ? { verificationId: gate.verificationId } : {};
    if (gate?.kind === "waiting" && overrideReason === undefined) return;
    setInFlight(action);
    setAnnouncement(null);
    const copy = ACTION_COPY[action];
    const how = overrideReason === undefined ? "" : " Recorded as an override, with your reason.";
    if (action === "temporary_access_code") {
      const reply = await send("overlay.tac", { userId, ...proof });
      if (reply.ok) {
        setTac(reply.data);
        setAnnouncement({ text: `${copy.done} ${target.who}. It is shown once below.${how}`, tone: "good" });
      } else setAnnouncement({ text: `${copy.label} failed: ${describeError(reply.error)}`, tone: "bad" });
    } else {
      const reply = await send("overlay.lifecycle", { userId, action, ...proof });
      if (reply.ok) {
        const requestId = reply.data.oktaRequestId ? ` (Okta request ${reply.data.oktaRequestId})` : "";
        setAnnouncement({ text: `${copy.done} ${target.who}.${requestId}${how}`, tone: "good" });
      } else setAnnouncement({ text: `${copy.label} failed: ${describeError(reply.error)}`, tone: "bad" });
    }
    setInFlight(null);
    reload();
    // A verification allows one action: the panel shows it used.
    if (gate !== undefined) verification.refresh();
  };

  const onAction = (action: OverlayAction) => {
    if (!bound || gates[action]?.kind === "waiting") return;
    if (ACTION_COPY[action].friction === "none") void run(action);
    else setConfirming({ action, override: false });
  };
  const onOverride = (action: OverlayAction) => {
    if (bound && admin) setConfirming({ action, override: true });
  };

  const refresh = () => {
    setTac(null);
    reload();
    verification.refresh();
  };

  const busy = state.kind === "loading" || inFlight !== null;
  const actions = (
    <>
      {gated.length > 0 ? <VerificationPanel control={verification} state={panel} nowMs={now} /> : null}
      <ActionBar
        allowed={context?.allowedActions ?? []}
        inFlight={inFlight}
        disabled={busy}
        gates={gates}
        onAction={onAction}
        onOverride={admin ? onOverride : undefined}
      />
    </>
  );

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
          <Body state={state} consoleHost={consoleHost} nowMs={now} send={send} actions={actions} onRetry={refresh} />
          {tac ? <TacCode tac={tac} onDismiss={() => setTac(null)} /> : null}
          {confirming && bound ? (
            <ConfirmDialog
              key={`${confirming.action}-${confirming.override}`}
              copy={ACTION_COPY[confirming.action]}
              target={target}
              override={confirming.override}
              onConfirm={(reason) => void run(confirming.action, reason)}
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
  actions,
  onRetry,
}: {
  state: ContextState;
  consoleHost: string;
  nowMs: number;
  send: Send;
  /** The verification panel and the action bar, drawn on the user's own console only. */
  actions: ComponentChildren;
  onRetry: () => void;
}) {
  const openOptions = () => void send("options.open", {});
  switch (state.kind) {
    case "loading":
      if (state.previous) return <Ready context={state.previous} consoleHost={consoleHost} nowMs={nowMs} actions={actions} />;
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
      return <Ready context={state.context} consoleHost={consoleHost} nowMs={nowMs} actions={actions} />;
  }
}

function Ready({ context, consoleHost, nowMs, actions }: { context: UserContext; consoleHost: string; nowMs: number; actions: ComponentChildren }) {
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

/** "Ada Lovelace (ada@acme.test)", or the ID until Okta has answered. */
function confirmTarget(context: UserContext | null, userId: string): ConfirmTarget {
  const profile = context?.okta?.profile;
  if (!profile) return { who: userId, login: null };
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(" ");
  const login = profile.login ?? profile.email;
  return { who: name && login ? `${name} (${login})` : name || login || userId, login };
}
