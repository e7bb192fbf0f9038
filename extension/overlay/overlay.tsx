import { useState } from "preact/hooks";
import type { TemporaryAccessCode } from "../../shared/okta-proxy";
import type { UserContext } from "../../shared/persona";
import type { RecoveryProof } from "../../shared/verification";
import type { Reply } from "../lib/protocol";
import { ActionBar } from "./action-bar";
import { ACTION_COPY, OVERLAY_ACTIONS, type OverlayAction } from "./action-copy";
import { ConfirmDialog, type ConfirmTarget } from "./confirm-dialog";
import { EvidenceExport } from "./evidence-export";
import { OverlayBody, Overview } from "./overlay-body";
import type { Send } from "./overlay-port";
import { sendAction } from "./run-action";
import { TacCode } from "./tac-code";
import { tenantBinding } from "./tenant-binding";
import { TimelineTab } from "./timeline-tab";
import { useTimeline } from "./use-timeline";
import { useUserContext } from "./use-user-context";
import { useVerification } from "./use-verification";
import { fromUser } from "./user-event";
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

/** `endSessions`: the announcement of a suspension, which offers to end the user's sessions too. */
type Announcement = { text: string; tone: "good" | "bad"; endSessions?: boolean };
type Tab = "overview" | "timeline";

/**
 * The panel on an Okta user's page: the Overview (Okta status and groups, the matching Persona case and inquiries,
 * the actions this admin may take, and recent actions) and the Timeline. Mounted once per user (keyed by ID), so
 * nothing of one user's panel (a dialog, a temporary access code, a timeline) survives navigation to another.
 */
export function Overlay({ userId, consoleHost, send, collapsed, onCollapsedChange, nowMs = Date.now, prefetched }: OverlayProps) {
  const { state, reload } = useUserContext(send, userId, nowMs, prefetched);
  const [confirming, setConfirming] = useState<{ action: OverlayAction; override: boolean } | null>(null);
  const [inFlight, setInFlight] = useState<OverlayAction | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [tac, setTac] = useState<TemporaryAccessCode | null>(null);
  const [tab, setTab] = useState<Tab>("overview");
  const [timelineOpened, setTimelineOpened] = useState(false);
  const [reloads, setReloads] = useState(0);
  const timeline = useTimeline(send, userId, timelineOpened, reloads);
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
    if (gate?.kind === "waiting" && overrideReason === undefined) return;
    const proof: RecoveryProof = overrideReason !== undefined ? { overrideReason } : gate?.kind === "verified" ? { verificationId: gate.verificationId } : {};
    setInFlight(action);
    setAnnouncement(null);
    const result = await sendAction(send, userId, action, proof, target.who);
    if (result.ok && result.tac) setTac(result.tac);
    setAnnouncement({ text: result.text, tone: result.ok ? "good" : "bad", endSessions: result.ok && action === "suspend" });
    setInFlight(null);
    reload();
    // The timeline, once opened, shows the action too (our audit at once; Okta's event when its log has it).
    if (timelineOpened) setReloads((count) => count + 1);
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
    setReloads((count) => count + 1);
  };
  const openTab = (next: Tab) => {
    setTab(next);
    if (next === "timeline") setTimelineOpened(true);
  };

  const busy = state.kind === "loading" || inFlight !== null;
  // After a suspension, ending the sessions is the usual next step: one click, since the suspension was just
  // confirmed and the button names what it does. It is offered only when the action would be (allowed, not waiting).
  const offerEndSessions =
    announcement?.endSessions === true && bound && context?.allowedActions.includes("clear_sessions") === true && gates.clear_sessions?.kind !== "waiting";
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
  const ready = (shown: UserContext) => (
    <>
      <div class="tabs" role="tablist" aria-label="Views">
        {(["overview", "timeline"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`poc-tab-${name}`}
            data-poc-tab={name}
            aria-selected={tab === name}
            aria-controls="poc-tab-panel"
            onClick={() => openTab(name)}
          >
            {name === "overview" ? "Overview" : "Timeline"}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="poc-tab-panel" aria-labelledby={`poc-tab-${tab}`}>
        {tab === "overview" ? (
          <Overview context={shown} consoleHost={consoleHost} nowMs={now} actions={actions} />
        ) : (
          <TimelineTab
            control={timeline}
            userId={userId}
            adminConsoleHost={shown.oktaTenant?.adminConsoleHost ?? null}
            nowMs={now}
            // Operators and admins (a viewer's context has no audit), on the user's own console.
            exporter={bound && shown.recentAudit !== null ? <EvidenceExport send={send} userId={userId} /> : null}
          />
        )}
      </div>
    </>
  );

  return (
    <section class="card" data-poc="overlay" data-state={state.kind} aria-label="Persona Okta Companion">
      <header class="head">
        <h2>
          Persona <span class="hint">for</span> {target.who}
        </h2>
        <div class="head-buttons">
          <button type="button" data-poc="refresh" onClick={refresh} disabled={busy} title="Read Okta and Persona again">
            Refresh
          </button>
          <button type="button" data-poc="collapse" aria-expanded={!collapsed} onClick={() => onCollapsedChange(!collapsed)} title="Alt+Shift+P">
            {collapsed ? "Show" : "Hide"}
          </button>
        </div>
      </header>
      {collapsed ? null : (
        <div class="body">
          <OverlayBody state={state} send={send} onRetry={refresh} ready={ready} />
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
      {offerEndSessions && !collapsed ? (
        <p class="offer">
          <button type="button" class="danger-outline" data-poc="offer-clear-sessions" disabled={busy} onClick={fromUser(() => void run("clear_sessions"))}>
            End their sessions too
          </button>{" "}
          <span class="hint">{ACTION_COPY.clear_sessions.effect}</span>
        </p>
      ) : null}
    </section>
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
