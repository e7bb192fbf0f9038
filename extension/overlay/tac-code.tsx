import { useState } from "preact/hooks";
import type { TemporaryAccessCode } from "../../shared/okta-proxy";
import { fromUser } from "./user-event";

/**
 * A temporary access code, shown once: it lives only in this component's memory (never in storage or the audit)
 * and is gone when dismissed, refreshed or navigated away from.
 */
export function TacCode({ tac, onDismiss }: { tac: TemporaryAccessCode; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const copy = () => {
    if (tac.code === null) return;
    navigator.clipboard.writeText(tac.code).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this groups a code and its copy button.
    <div class="tac" role="group" aria-label="Temporary access code">
      {tac.code === null ? (
        <p>Okta created the code but did not return it; create a new one.</p>
      ) : (
        <>
          <p>
            Temporary access code (shown once{tac.expiresAt ? `, expires ${new Date(tac.expiresAt).toLocaleString()}` : ""}
            {tac.multiUse ? ", multi-use" : ", single use"}):
          </p>
          <p>
            <code data-poc="tac-code">{tac.code}</code>{" "}
            <button type="button" onClick={fromUser(copy)} data-poc="tac-copy">
              {copied === "yes" ? "Copied" : copied === "failed" ? "Copy failed: select it" : "Copy"}
            </button>
          </p>
        </>
      )}
      <button type="button" onClick={onDismiss} data-poc="tac-dismiss">
        Done, hide the code
      </button>
    </div>
  );
}
