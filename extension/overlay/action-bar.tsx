import type { OktaAction } from "../../shared/okta-actions";
import { ACTION_COPY, OVERLAY_ACTIONS, type OverlayAction } from "./action-copy";
import { fromUser } from "./user-event";

/**
 * The actions this admin may take on this user now: the worker's `allowedActions` (Okta's `_links` for the
 * user's status, intersected with the admin's role). A viewer gets none, so no button is drawn.
 */
export function ActionBar({
  allowed,
  inFlight,
  disabled,
  onAction,
}: {
  allowed: readonly OktaAction[];
  inFlight: OverlayAction | null;
  /** While an action runs or the panel reloads: one action at a time, never on stale state. */
  disabled: boolean;
  onAction: (action: OverlayAction) => void;
}) {
  const actions = OVERLAY_ACTIONS.filter((action) => allowed.includes(action));
  if (actions.length === 0) return null;
  return (
    <section class="part" aria-label="Actions">
      <h3>Actions</h3>
      <div class="actions">
        {actions.map((action) => {
          const copy = ACTION_COPY[action];
          const busy = inFlight === action;
          return (
            <button
              key={action}
              type="button"
              data-action={action}
              class={copy.friction === "none" ? "" : "danger-outline"}
              disabled={disabled}
              aria-busy={busy}
              onClick={fromUser(() => onAction(action))}
            >
              {busy ? `${copy.label}…` : copy.label}
            </button>
          );
        })}
      </div>
    </section>
  );
}
