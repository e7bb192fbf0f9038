import type { OktaAction } from "../../shared/okta-actions";
import { ACTION_COPY, OVERLAY_ACTIONS, type OverlayAction } from "./action-copy";
import { fromUser } from "./user-event";
import type { Gate } from "./verification-state";

/**
 * The actions this admin may take on this user now: the worker's `allowedActions` (Okta's `_links` for the
 * user's status, intersected with the admin's role). A viewer gets none, so no button is drawn. An action the
 * verification policy gates is disabled, and says what it waits for, until a verification allows it; an admin may
 * override instead (`onOverride`).
 */
export function ActionBar({
  allowed,
  inFlight,
  disabled,
  gates = {},
  onAction,
  onOverride,
}: {
  allowed: readonly OktaAction[];
  inFlight: OverlayAction | null;
  /** While an action runs or the panel reloads: one action at a time, never on stale state. */
  disabled: boolean;
  gates?: Partial<Record<OverlayAction, Gate>>;
  onAction: (action: OverlayAction) => void;
  /** Only for an admin. */
  onOverride?: ((action: OverlayAction) => void) | undefined;
}) {
  const actions = OVERLAY_ACTIONS.filter((action) => allowed.includes(action));
  if (actions.length === 0) return null;
  const waiting = actions.flatMap((action) => {
    const gate = gates[action];
    return gate?.kind === "waiting" ? [{ action, note: gate.note }] : [];
  });
  return (
    <section class="part" aria-label="Actions">
      <h3>Actions</h3>
      <div class="actions">
        {actions.map((action) => {
          const copy = ACTION_COPY[action];
          const busy = inFlight === action;
          const gate = gates[action]?.kind ?? "open";
          return (
            <button
              key={action}
              type="button"
              data-action={action}
              data-gate={gate}
              class={copy.friction === "none" ? "" : "danger-outline"}
              disabled={disabled || gate === "waiting"}
              aria-describedby={gate === "waiting" ? `poc-gate-${action}` : undefined}
              aria-busy={busy}
              onClick={fromUser(() => onAction(action))}
            >
              {busy ? `${copy.label}…` : copy.label}
            </button>
          );
        })}
      </div>
      {waiting.length > 0 ? (
        <ul class="plain gates">
          {waiting.map(({ action, note }) => (
            <li key={action} id={`poc-gate-${action}`} data-poc-gate={action}>
              {ACTION_COPY[action].label} {note}.
              {onOverride ? (
                <>
                  {" "}
                  <button type="button" data-override={action} disabled={disabled} onClick={fromUser(() => onOverride(action))}>
                    Override…
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
