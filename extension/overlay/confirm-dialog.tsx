import { useEffect, useRef, useState } from "preact/hooks";
import type { ActionCopy } from "./action-copy";
import { fromUser } from "./user-event";

export interface ConfirmTarget {
  /** "Ada Lovelace (ada@acme.test)". */
  who: string;
  login: string | null;
}

/**
 * Asks before an action that locks a person out or issues a credential: names the user and the effect, and puts
 * the danger button last. Deactivate also wants the login typed. Escape or Cancel closes; focus starts on Cancel
 * (the safe choice) and stays inside the dialog while it is open.
 */
export function ConfirmDialog({ copy, target, onConfirm, onCancel }: { copy: ActionCopy; target: ConfirmTarget; onConfirm: () => void; onCancel: () => void }) {
  const [typed, setTyped] = useState("");
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const needsLogin = copy.friction === "type-login";
  const expected = target.login ?? "";
  const ready = !needsLogin || (expected !== "" && typed.trim() === expected);

  useEffect(() => {
    cancel.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>("button:not([disabled]), input")];
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
      ref={dialog}
      onKeyDown={onKeyDown}
    >
      <h3 id="poc-confirm-title">
        {copy.label}: {target.who}?
      </h3>
      <p id="poc-confirm-effect">{copy.effect}</p>
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
        <button type="button" class="danger" data-poc="confirm" disabled={!ready} onClick={fromUser(onConfirm)}>
          {copy.label}
        </button>
      </div>
    </div>
  );
}
