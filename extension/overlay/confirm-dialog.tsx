import { useEffect, useRef, useState } from "preact/hooks";
import type { ActionCopy } from "./action-copy";
import { fromUser } from "./user-event";

export interface ConfirmTarget {
  /** "Ada Lovelace (ada@acme.test)". */
  who: string;
  login: string | null;
}

/** The worker's rule for an override reason (shared/verification.ts, OverrideReasonSchema): 10 to 500 characters, trimmed. */
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 500;

/**
 * Asks before an action that locks a person out or issues a credential: names the user and the effect, and puts
 * the danger button last. Deactivate also wants the login typed. Escape or Cancel closes; focus starts on Cancel
 * (the safe choice) and stays inside the dialog while it is open. As an admin's override of the verification
 * policy (`override`), it also asks why, which the audit keeps, and focus starts on the reason.
 */
export function ConfirmDialog({
  copy,
  target,
  override = false,
  onConfirm,
  onCancel,
}: {
  copy: ActionCopy;
  target: ConfirmTarget;
  override?: boolean;
  /** With the trimmed reason, for an override. */
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const needsLogin = copy.friction === "type-login";
  const expected = target.login ?? "";
  const trimmed = reason.trim();
  const ready = (!needsLogin || (expected !== "" && typed.trim() === expected)) && (!override || trimmed.length >= OVERRIDE_REASON_MIN);

  useEffect(() => {
    (override ? reasonInput : cancel).current?.focus();
  }, [override]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>("button:not([disabled]), input, textarea")];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = (dialog.current.getRootNode() as ShadowRoot | Document).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="poc-confirm-title"
      aria-describedby="poc-confirm-effect"
      data-poc={override ? "override-dialog" : "confirm-dialog"}
      ref={dialog}
      onKeyDown={onKeyDown}
    >
      <h3 id="poc-confirm-title">
        {override ? "Override the verification: " : ""}
        {copy.label}: {target.who}?
      </h3>
      <p id="poc-confirm-effect">
        {copy.effect}
        {override ? " It skips the identity verification; your reason is audited." : ""}
      </p>
      {override ? (
        <label class="field">
          Reason ({OVERRIDE_REASON_MIN} characters or more)
          <textarea
            data-poc="override-reason"
            ref={reasonInput}
            rows={2}
            maxLength={OVERRIDE_REASON_MAX}
            value={reason}
            onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
      ) : null}
      {needsLogin ? (
        <label class="field">
          Type the user's login <strong>{expected}</strong> to confirm
          <input
            data-poc="confirm-login"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={typed}
            onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
      ) : null}
      <div class="buttons">
        <button type="button" data-poc="cancel" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="danger" data-poc="confirm" disabled={!ready} onClick={fromUser(() => onConfirm(override ? trimmed : undefined))}>
          {override ? `${copy.label} without verification` : copy.label}
        </button>
      </div>
    </div>
  );
}
