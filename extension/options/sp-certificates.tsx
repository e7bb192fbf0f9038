import type { SpUrls } from "../../shared/sso";
import { WorkerUrlSchema } from "../lib/settings-schema";
import { CopyField } from "./copy-button";

/**
 * Where Okta's Single Logout URL and the SP's certificates come from. The worker publishes its signing and
 * encryption certificates only inside the SP metadata (no /api route answers them), so this links to that document
 * (under the same https-or-loopback rule as the test sign-in link) rather than copying certificates itself.
 */
export function SpCertificates({ sp }: { sp: SpUrls }) {
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
    </div>
  );
}
