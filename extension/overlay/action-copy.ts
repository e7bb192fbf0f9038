import type { OktaAction } from "../../shared/okta-actions";

/** The overlay's actions, in the order they are shown. */
export const OVERLAY_ACTIONS = [
  "suspend",
  "clear_sessions",
  "unsuspend",
  "unlock",
  "reset_factors",
  "activate",
  "reactivate",
  "temporary_access_code",
  "deactivate",
] as const satisfies readonly OktaAction[];
export type OverlayAction = (typeof OVERLAY_ACTIONS)[number];

export interface ActionCopy {
  label: string;
  /** What happens to the user, in the confirmation and the announcement. */
  effect: string;
  /** Past tense for the announcement. */
  done: string;
  /** "confirm": a dialog naming the user and the effect; "type-login": the admin also types the user's login. */
  friction: "none" | "confirm" | "type-login";
}

/**
 * Reversible actions (unsuspend, unlock, activate, reactivate) run in one click; those that lock a person out, end
 * their sessions or factors, or issue a sign-in credential ask first; deactivate, which cannot be undone in one step, asks for
 * the login to be typed (docs/style.md §2).
 */
export const ACTION_COPY: Record<OverlayAction, ActionCopy> = {
  suspend: { label: "Suspend", effect: "They cannot sign in until unsuspended. Their sessions are not ended.", done: "Suspended", friction: "confirm" },
  clear_sessions: {
    label: "End all sessions",
    effect: "Ends every Okta session and revokes their OAuth tokens: they must sign in again on every device.",
    done: "Ended every session of",
    friction: "confirm",
  },
  unsuspend: { label: "Unsuspend", effect: "They can sign in again.", done: "Unsuspended", friction: "none" },
  unlock: { label: "Unlock", effect: "The lockout is cleared; they can try their password again.", done: "Unlocked", friction: "none" },
  reset_factors: {
    label: "Reset all factors",
    effect: "Every enrolled authenticator factor is removed; they must enroll again at their next sign-in.",
    done: "Reset all factors of",
    friction: "confirm",
  },
  activate: { label: "Activate", effect: "Okta starts the activation of the account.", done: "Activated", friction: "none" },
  reactivate: { label: "Reactivate", effect: "Okta restarts the activation of the account.", done: "Reactivated", friction: "none" },
  temporary_access_code: {
    label: "Temporary access code",
    effect: "A code that lets anyone holding it sign in as this user is created; it is shown to you once.",
    done: "Created a temporary access code for",
    friction: "confirm",
  },
  deactivate: {
    label: "Deactivate",
    effect: "The account is deactivated: access to every app ends and it must be reactivated to be used again.",
    done: "Deactivated",
    friction: "type-login",
  },
};
