import type { ComponentChildren } from "preact";

type Props = {
  /** The section's running action (useAction's `busy`): every action button waits while any one runs. */
  busy: string | null;
  /** This button's action name; while it runs the button says `working` instead of its children. */
  action?: string;
  working?: string;
  type?: "button" | "submit";
  poc?: string;
  /** aria-label, where the visible text alone does not say which row it acts on. */
  label?: string;
  danger?: boolean;
  /** Disabled for another reason too (e.g. nothing to act on yet). */
  disabled?: boolean;
  onClick?: () => void;
  children: ComponentChildren;
};

/** A button of a section's one-action-at-a-time set (see useAction). */
export function BusyButton({ busy, action, working, type = "button", poc, label, danger, disabled = false, onClick, children }: Props) {
  return (
    <button type={type} data-poc={poc} aria-label={label} class={danger ? "danger" : undefined} onClick={onClick} disabled={busy !== null || disabled}>
      {action !== undefined && busy === action ? working : children}
    </button>
  );
}
