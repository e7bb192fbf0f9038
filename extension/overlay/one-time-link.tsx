import { useState } from "preact/hooks";
import type { IssuedVerification, QrModules } from "../lib/protocol";
import { isHttpsLink } from "./https-link";
import { fromUser } from "./user-event";

/**
 * A verification's one-time link, as the worker answered it once: the text with a copy button, and its QR code for
 * a person at the desk. It lives in the panel's memory only. It is text, not an anchor: opening it here would spend
 * the person's one-time link.
 */
export function OneTimeLink({ issued }: { issued: IssuedVerification }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const link = issued.oneTimeLink;
  if (!isHttpsLink(link)) {
    return (
      <p class="notice bad" data-poc="link-refused" role="alert">
        Persona's link is not https, so it is not shown: cancel this verification.
      </p>
    );
  }
  const copy = () =>
    navigator.clipboard.writeText(link).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this groups a link, its copy button and its QR code.
    <div class="link" role="group" aria-label="One-time link" data-poc="one-time-link">
      <p>
        Send it to the person over a channel you trust (not this call). It works once, until {new Date(issued.linkExpiresAt).toLocaleTimeString()}; do not open
        it.
      </p>
      <p>
        <code data-poc="link-text">{link}</code>{" "}
        <button type="button" data-poc="link-copy" onClick={fromUser(copy)}>
          {copied === "yes" ? "Copied" : copied === "failed" ? "Copy failed: select it" : "Copy link"}
        </button>
      </p>
      {issued.qr ? <Qr modules={issued.qr} /> : null}
    </div>
  );
}

/** The QR code as SVG: one path of unit squares built from the modules (numbers only; no markup from a string). */
function Qr({ modules }: { modules: QrModules }) {
  const size = modules.length;
  let d = "";
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  // A quiet zone of 4 modules, as readers expect.
  const box = `-4 -4 ${size + 8} ${size + 8}`;
  return (
    <svg class="qr" data-poc="link-qr" role="img" aria-label="QR code of the one-time link" viewBox={box} width="148" height="148" shape-rendering="crispEdges">
      <rect x="-4" y="-4" width={size + 8} height={size + 8} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
