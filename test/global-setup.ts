import type { TestProject } from "vitest/node";
import { startFakeIdp } from "../fakes/idp/server";
import { startFakeOkta } from "../fakes/okta/server";
import { startFakePersona } from "../fakes/persona/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Metadata URL of a fake Okta SAML app on loopback, for the real "Get metadata" fetch path. */
    fakeIdpMetadataUrl: string;
    /** Its entity ID, to check what the worker imported. */
    fakeIdpEntityId: string;
    /** Origin of the fake Okta org server (fakes/okta); its control API is at `${fakeOktaUrl}/__fake`. */
    fakeOktaUrl: string;
    /** Origin of the fake Persona API server (fakes/persona); its control API is at `${fakePersonaUrl}/__fake`. */
    fakePersonaUrl: string;
  }
}

/** Runs in Node before the workerd tests: starts the loopback fakes the worker reaches over the network. */
export default async function setup(project: TestProject) {
  const idp = await startFakeIdp({ host: "127.0.0.1", port: 0, sps: [], log: () => {} });
  const okta = await startFakeOkta({ host: "127.0.0.1", port: 0, log: () => {} });
  const persona = await startFakePersona({ host: "127.0.0.1", port: 0, log: () => {} });
  project.provide("fakeIdpMetadataUrl", idp.metadataUrl);
  project.provide("fakeIdpEntityId", idp.idp.entityId);
  project.provide("fakeOktaUrl", okta.url);
  project.provide("fakePersonaUrl", persona.url);
  return async () => {
    await Promise.all([idp.close(), okta.close(), persona.close()]);
  };
}
