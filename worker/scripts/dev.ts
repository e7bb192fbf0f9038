/**
 * `npm run dev`: the worker (`wrangler dev`, local KV and Durable Objects under `.wrangler/state`, or in the folder
 * env DEV_PERSIST_TO names) plus, on loopback, a fake Okta SAML IdP, a fake Okta org (token endpoint + Users API)
 * and a fake Persona (accounts, cases, inquiries, webhook sender), with a demo organization `acme` configured
 * through the real API, so that a sign-in, every Okta account action, the Persona context of a user and a Persona
 * automation rule work on a fresh machine without an Okta or Persona tenant.
 *
 * The fakes keep their state in memory (new on every run) while the worker's KV persists, so each run re-links
 * them: the IdP's new signing certificate is pinned again, the fake Okta org gets the service app of the
 * existing credential (its client ID and the worker's JWKS URL) and the demo users, with stable IDs, and the fake
 * Persona gets an environment with a fixed ID and API key (what acme's stored connection names) and the demo users'
 * Persona records, also with stable IDs.
 *
 * Cookies: the session cookie is `__Host-poc_session` with `Secure`. Browsers treat http://127.0.0.1 and
 * http://localhost as potentially trustworthy origins, so Chromium stores and sends Secure cookies there over
 * plain http; any other host name would need https.
 */

import { printBanner } from "./dev/banner";
import { devCalls } from "./dev/calls";
import { fail, loadDevContext } from "./dev/context";
import { linkDemoOkta, linkDemoPersona, seedDemoOrg } from "./dev/demo-org";
import { startDevFakes } from "./dev/fakes";
import { startWrangler, waitForHealth } from "./dev/wrangler";

const context = loadDevContext();

async function main(): Promise<void> {
  const calls = devCalls(context);
  const { idp, okta, persona, personaEnv } = await startDevFakes(context, calls);
  const wrangler = startWrangler(context.ports.worker);

  let stopping = false;
  /** Stops wrangler (and through it workerd) and the fakes; exits with wrangler's code. */
  const stop = async (reason: NodeJS.Signals | "failure" | "wrangler-exit"): Promise<never> => {
    if (!stopping) {
      stopping = true;
      if (!wrangler.exit()) await wrangler.stop(reason === "SIGINT" ? "SIGINT" : "SIGTERM");
      await Promise.all([idp.close().catch(() => {}), okta.close().catch(() => {}), persona.close().catch(() => {})]);
    } else {
      await wrangler.exited;
    }
    if (reason === "failure") process.exit(1);
    const exit = wrangler.exit();
    const code = exit?.code ?? (exit?.signal === "SIGINT" ? 130 : exit?.signal ? 143 : 0);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  void wrangler.exited.then(() => {
    if (!stopping) {
      const exit = wrangler.exit();
      console.error(`[dev] wrangler exited (${exit?.code ?? exit?.signal}); stopping the fakes`);
      void stop("wrangler-exit");
    }
  });

  let credentialId: string | undefined;
  let personaLinked = false;
  try {
    await waitForHealth(context.urls.worker, () => wrangler.exit() !== undefined);
    await seedDemoOrg(calls, idp);
    credentialId = await linkDemoOkta(context, calls);
    personaLinked = await linkDemoPersona(calls, personaEnv.baseUrl);
  } catch (error) {
    if (stopping) return;
    console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
    await stop("failure");
  }

  printBanner(context, { credentialId, personaLinked, personaBaseUrl: personaEnv.baseUrl });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
