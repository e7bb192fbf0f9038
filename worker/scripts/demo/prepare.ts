/**
 * What the demo does before anyone looks: the steps an admin takes on a fresh install (save the worker and the
 * organization in the options, register the extension's ID with the organization, sign in through the fake IdP),
 * then the demo's story seeded in the fake Okta's System Log. The same for `npm run demo` and its e2e test
 * (test/extension/e2e/demo-tour.test.ts), which run it against a stack of their own.
 */
import type { ExtensionBrowser } from "../../../test/extension/support/browser";
import { setUpAndSignIn } from "../../../test/extension/support/flows";
import type { Stack } from "../../../test/extension/support/stack";
import { adaSystemLog } from "./story";

export interface DemoHandles {
  stack: Stack;
  browser: ExtensionBrowser;
}

/** The signed-in admin of the demo: the fake IdP pre-fills this e-mail, and `acme`'s default role is admin. */
export const DEMO_ADMIN = "ada@acme.test";

/** Signs the demo admin in from the options page, which stays open, and seeds Ada's System Log. */
export async function prepareDemo({ stack, browser }: DemoHandles): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl("options.html"));
  await options.locator('input[name="workerUrl"]').waitFor({ state: "visible" });
  await setUpAndSignIn({ browser, stack, options, email: DEMO_ADMIN });
  const seeded = await stack.oktaControl("POST", `/orgs/${stack.orgId}/log-events`, adaSystemLog(Date.now()));
  if (seeded.status !== 201) throw new Error(`seeding Ada's System Log answered ${seeded.status}: ${JSON.stringify(seeded.body)}`);
}
