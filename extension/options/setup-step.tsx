import type { ComponentChildren } from "preact";
import type { StepState, StepStatus } from "./setup-status";
import { unreadable } from "./setup-status";
import type { Loaded } from "./use-load";

const STATE_WORDS: Record<StepState, string> = { done: "Done", attention: "Needs attention", "not-started": "Not started" };

/** A step's state as a badge whose words carry the meaning (colour only repeats them). */
export function StateBadge({ state }: { state: StepState | null }) {
  return (
    <span class="badge" data-poc="step-state" data-state={state ?? "loading"}>
      {state === null ? "Checking…" : STATE_WORDS[state]}
    </span>
  );
}

type Props = {
  n: number;
  id: string;
  title: string;
  /** null while the step's reads are under way. */
  status: StepStatus | null;
  /** The console section where everything else about this step is. */
  more?: { href: string; label: string };
  children?: ComponentChildren;
};

/** One step of the Setup checklist: its number, title and state, what the worker says, the last error, the fix, and the work itself. */
export function SetupStep({ n, id, title, status, more, children }: Props) {
  const headingId = `step-${id}-title`;
  return (
    <li class="setup-step" data-step={id} data-state={status?.state ?? "loading"}>
      <h3 id={headingId}>
        <span class="step-number">{n}.</span> {title} <StateBadge state={status?.state ?? null} />
      </h3>
      {status && (
        <div class="step-status">
          <p data-poc="step-summary">{status.summary}</p>
          {status.problem && (
            <p data-poc="step-problem" class="problem">
              <strong>Last error:</strong> {status.problem}
            </p>
          )}
          {status.fix && (
            <p data-poc="step-fix">
              <strong>Fix:</strong> {status.fix}
            </p>
          )}
        </div>
      )}
      {children}
      {more && (
        <p>
          <a href={more.href} data-poc="step-more">
            {more.label}
          </a>
        </p>
      )}
    </li>
  );
}

/** A step's status from its main read: null while loading, the read's failure, or what `derive` makes of the data. */
export function statusOf<T>(loaded: Loaded<T>, what: string, derive: (data: T) => StepStatus): StepStatus | null {
  if (loaded.state === "loading") return null;
  if (loaded.state === "error") return unreadable(what, loaded.error);
  return derive(loaded.data);
}

/** The data of a secondary read, or null while it loads or when it failed (the step says what it could not read). */
export function dataOf<T>(loaded: Loaded<T>): T | null {
  return loaded.state === "ready" ? loaded.data : null;
}
