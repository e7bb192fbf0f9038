import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

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

/** After this long a running action also shows how long it has run, so a slow Okta or Persona reads as progress. */
export const SHOW_ELAPSED_AFTER_S = 2;

/**
 * A button of a section's one-action-at-a-time set (see useAction). While its own action runs it says so
 * (`working`, then the seconds it has run) and is `aria-busy`; it is enabled again as soon as the action ends,
 * whatever the outcome (useAction's `finally`), so no failure leaves a dead button.
 */
export function BusyButton({ busy, action, working, type = "button", poc, label, danger, disabled = false, onClick, children }: Props) {
  const running = action !== undefined && busy === action;
  const seconds = useElapsedSeconds(running);
  return (
    <button
      type={type}
      data-poc={poc}
      aria-label={label}
      aria-busy={running ? "true" : undefined}
      class={danger ? "danger" : undefined}
      onClick={onClick}
      disabled={busy !== null || disabled}
    >
      {running ? (
        <>
          <span class="spinner" aria-hidden="true" />
          {working}
          {seconds >= SHOW_ELAPSED_AFTER_S ? <span data-poc="elapsed"> {seconds} s</span> : null}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** Whole seconds since `active` became true; 0 while it is false. */
function useElapsedSeconds(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return seconds;
}
