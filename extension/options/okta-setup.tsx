import type { z } from "zod";
import type { CreatedCredentialSchema } from "../../shared/credentials";
import { CopyField } from "./copy-button";

type Created = z.infer<typeof CreatedCredentialSchema>;

/** What to do in Okta Admin for a credential just added (the worker answers it once, with the 201). */
export function OktaSetupSteps({ created }: { created: Created }) {
  const setup = created.oktaSetup;
  return (
    <div data-poc="okta-setup" class="panel">
      <h3>Okta-side setup for {created.nickname}</h3>
      {created.jwksUrl && <CopyField label="JWKS URL" value={created.jwksUrl} poc="jwks-url" />}
      <ol>
        {setup.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {setup.scopes && setup.scopes.length > 0 && (
        <p>
          Scopes to grant: <code>{setup.scopes.join(", ")}</code>
        </p>
      )}
      <h4>Admin-role permissions</h4>
      <ul>
        {setup.permissions.map(({ permission, actions }) => (
          <li key={permission}>
            {permission} — for {actions.join(", ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
