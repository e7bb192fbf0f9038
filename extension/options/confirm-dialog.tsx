import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

type Props = {
  title: string;
  /** What happens, in words: the dialog's description. */
  children: ComponentChildren;
  confirmLabel: string;
  /** aria-label of the confirm button, where its text alone does not name what it acts on. */
  confirmAria?: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * Asks before something that cannot be undone from this page (deleting a credential or key, disconnecting Persona,
 * removing the policy). A modal `<dialog>`: the browser keeps focus inside it and makes the page behind it inert;
 * focus starts on Cancel (the safe choice), Escape cancels, and on closing focus goes back to the button that opened
 * it, or to the section's heading when that button is gone or disabled (a deleted row, a running action).
 */
export function ConfirmDialog({ title, children, confirmLabel, confirmAria, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = element.ownerDocument.activeElement instanceof HTMLElement ? element.ownerDocument.activeElement : null;
    const heading = element.closest("section")?.querySelector<HTMLElement>("h2") ?? null;
    if (!element.open) {
      try {
        element.showModal();
      } catch {
        // A browser (or test DOM) without modal dialogs: shown in place, focus still moved below.
        element.setAttribute("open", "");
      }
    }
    cancel.current?.focus();
    return () => {
      if (element.open) element.close();
      if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
      else if (heading?.isConnected) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      data-poc="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: the parent decides (it unmounts the dialog), so the DOM and the state never disagree.
        event.preventDefault();
        onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-body`}>{children}</p>
      <div class="inline">
        <button type="button" data-poc="cancel" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="danger" data-poc="confirm" aria-label={confirmAria} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
