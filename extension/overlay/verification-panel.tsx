import type { JSX } from "preact";
import type { Verification } from "../../shared/verification";
import { ACTION_COPY, type OverlayAction } from "./action-copy";
import { describeError } from "./describe-error";
import { relativeTime } from "./format";
import { OneTimeLink } from "./one-time-link";
import type { VerificationControl } from "./use-verification";
import { fromUser } from "./user-event";
import type { PanelState } from "./verification-state";

const RESULT_TONE = { match: "good", differs: "bad", missing: "warn" } as const;

/**
 * "Verify identity": the recovery actions the policy gates wait for a Persona verification of the person who asked
 * (docs/verified-recovery.md). Start one, hand its one-time link over, watch it move, see how the verified fields
 * compare with the Okta profile and how long it allows an action. `data-poc-verification` names the state.
 */
export function VerificationPanel({ control, state, nowMs }: { control: VerificationControl; state: PanelState; nowMs: number }) {
  const { latest, issued, busy, error } = control;
  const start = (text: string) => (
    <button type="button" data-poc="verify-start" disabled={busy} onClick={fromUser(control.start)}>
      {text}
    </button>
  );
  const cancel = (
    <button type="button" data-poc="verify-cancel" disabled={busy} onClick={fromUser(control.cancel)}>
      Cancel verification
    </button>
  );
  return (
    <section class="part" aria-label="Verify identity" data-poc-verification={control.loaded ? state : "loading"} aria-busy={busy}>
      <h3>Verify identity</h3>
      {!control.loaded ? (
        <p class="hint">Reading verifications…</p>
      ) : state === "not-started" ? (
        start("Verify identity")
      ) : state === "link-issued" && issued ? (
        <>
          <OneTimeLink issued={issued} />
          {cancel}
        </>
      ) : latest === null ? null : (
        <Outcome state={state} latest={latest} nowMs={nowMs} start={start("Verify again")} cancel={cancel} />
      )}
      {error ? (
        <p class="notice bad" data-poc="verify-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
    </section>
  );
}

/** A verification past the link, in words: a status badge, what it means, and the one button that follows. */
function Outcome({ state, latest, nowMs, start, cancel }: { state: PanelState; latest: Verification; nowMs: number; start: JSX.Element; cancel: JSX.Element }) {
  const [tone, text] =
    state === "verified"
      ? (["good", `${relativeTime(latest.verifiedAt, nowMs)}; it allows one gated action${latest.for ? ` (${label(latest.for)} only)` : ""} for`] as const)
      : state === "used"
        ? (["neutral", `for ${label(latest.usedFor)} by ${latest.usedBy} ${relativeTime(latest.usedAt, nowMs)}`] as const)
        : OUTCOMES[state as keyof typeof OUTCOMES];
  const open = state === "waiting" || state === "verified";
  return (
    <>
      <p>
        <span class={`badge ${tone}`}>{state === "waiting" ? latest.inquiryStatus : state}</span> {text}
        {state === "verified" ? <strong data-poc="verify-time-left"> {timeLeft(latest.validUntil, nowMs)}</strong> : null}
        {/* Not started yet, and the link was shown in another panel (it is never stored). */}
        {state === "waiting" && latest.inquiryStatus === "created" ? " Link lost? Cancel and verify again." : null}
      </p>
      {state === "verified" ? <Comparison verification={latest} /> : null}
      {open ? cancel : start}
    </>
  );
}

const OUTCOMES = {
  waiting: ["warn", "Waiting for the person to complete the verification."],
  needs_review: ["warn", "A reviewer decides in Persona's dashboard."],
  declined: ["bad", "Persona declined it: do not act on the caller's word."],
  expired: ["bad", "It ran out before it was used."],
  cancelled: ["neutral", ""],
} as const;

const label = (action: string | null) => ACTION_COPY[action as OverlayAction]?.label ?? action;

/** How each verified field compares with the Okta profile: verdicts only, the values never leave the worker. */
function Comparison({ verification }: { verification: Verification }) {
  if (verification.comparison.length === 0) return null;
  const differs = verification.comparison.some((row) => row.result === "differs");
  return (
    <>
      <table class="compare" data-poc="verify-comparison">
        <caption>Verified ID vs. Okta profile</caption>
        <tbody>
          {verification.comparison.map((row) => (
            <tr key={row.field}>
              <th scope="row">{row.field}</th>
              <td>
                <span class={`badge ${RESULT_TONE[row.result]}`}>{row.result}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {differs ? <p class="notice warn">A verified field differs from the Okta profile: the action will be refused.</p> : null}
    </>
  );
}

/** "29 min", "40 s": what is left of a verification's validity. */
function timeLeft(until: string | null, nowMs: number): string {
  const seconds = Math.max(0, Math.round(((until === null ? nowMs : Date.parse(until)) - nowMs) / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min` : `${seconds} s`;
}
