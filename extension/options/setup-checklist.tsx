import { WebhooksStep } from "./setup-hooks-step";
import { OktaCredentialStep } from "./setup-okta-step";
import { PersonaStep } from "./setup-persona-step";
import { RulesStep, VerificationStep } from "./setup-policy-steps";
import { ScimStep } from "./setup-scim-step";
import { SsoStep } from "./setup-sso-step";
import { progressWords, setupStatuses } from "./setup-statuses";
import { useSetupData } from "./use-setup-data";

/**
 * The Setup checklist (admin): the seven steps in the order an admin works, each with its live state read from the
 * worker, the last error in plain words, the fix, and the URLs and secrets to copy. "Check every step again" reads
 * everything anew, after a change made in Okta or Persona that the page cannot see.
 */
export function SetupChecklist({ orgId }: { orgId: string }) {
  const data = useSetupData(orgId);
  const statuses = setupStatuses(data);
  const progress = progressWords(statuses);
  const reloadAll = () => {
    for (const read of Object.values(data)) read.reload();
  };
  return (
    <section data-section="setup-checklist" aria-labelledby="setup-checklist-heading">
      <h2 id="setup-checklist-heading">Setup checklist</h2>
      <p class="inline">
        <span data-poc="setup-progress" aria-live="polite">
          {progress ?? "Checking each step…"}
        </span>
        <button type="button" data-poc="recheck-all" onClick={reloadAll}>
          Check every step again
        </button>
      </p>
      <p class="hint">Work down the list: each step says whether it is done, what went wrong last, and how to fix it. Steps 5 to 7 are optional.</p>
      <ol class="checklist" data-poc="setup-checklist">
        <SsoStep orgId={orgId} data={data} status={statuses.sso} />
        <OktaCredentialStep orgId={orgId} data={data} status={statuses["okta-credential"]} />
        <PersonaStep orgId={orgId} data={data} status={statuses.persona} />
        <WebhooksStep orgId={orgId} data={data} status={statuses.webhooks} />
        <ScimStep n={5} status={statuses.scim} />
        <VerificationStep status={statuses.verification} />
        <RulesStep data={data} status={statuses.rules} />
      </ol>
    </section>
  );
}
