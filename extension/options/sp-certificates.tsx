import type { SpUrls } from "../../shared/sso";
import { WorkerUrlSchema } from "../lib/settings-schema";
import { CopyField } from "./copy-button";

/**
 * Where Okta's Single Logout URL and the SP's certificates come from. The worker publishes its signing and
 * encryption certificates only inside the SP metadata (no /api route answers them), so this links to that document
 * (under the same https-or-loopback rule as the test sign-in link), and to the signing certificate's PEM download.
 */
export function SpCertificates({ sp }: { sp: SpUrls }) {
  const signing = signingCertificateUrl(sp);
  return (
    <div data-poc="sp-certificates">
      <CopyField label="Single Logout URL" value={sp.sloUrl} poc="slo-url" />
      <CopyField label="SP Issuer" value={sp.entityId} poc="sp-issuer" />
      <p class="hint">
        The SP's signing and encryption certificates (for Okta's Signature Certificate and Encryption Certificate) are the two{" "}
        <code>&lt;ds:X509Certificate&gt;</code> elements of the SP metadata:{" "}
        {WorkerUrlSchema.safeParse(sp.metadataUrl).success ? (
          <a href={sp.metadataUrl} target="_blank" rel="noopener noreferrer" download="sp-metadata.xml" data-poc="sp-metadata-link">
            open the SP metadata
          </a>
        ) : (
          <code>{sp.metadataUrl}</code>
        )}
        .
      </p>
      {signing && (
        <p>
          <a href={signing} download="sp-signing.crt" data-poc="sp-signing-crt">
            Download the SP signing certificate (PEM)
          </a>{" "}
          <span class="hint">for Okta's Signature Certificate field.</span>
        </p>
      )}
    </div>
  );
}

/**
 * `/{org}/sp-signing.crt` (worker/src/routes/slo.ts), beside the org's `/{org}/login`: the SP URLs do not list it,
 * so it is resolved against the sign-in URL, and offered only under the worker-URL rule.
 */
function signingCertificateUrl(sp: SpUrls): string | null {
  if (!WorkerUrlSchema.safeParse(sp.loginUrl).success) return null;
  return new URL("sp-signing.crt", sp.loginUrl).href;
}
