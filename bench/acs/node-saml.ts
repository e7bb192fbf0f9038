/**
 * The reference: the same Response through @node-saml/node-saml in Node, configured as strictly as the worker
 * (both signatures required, audience, 120 s skew; InResponseTo not checked: the worker does that in storage).
 * Per call: process CPU time (`process.cpuUsage`, µs, all threads like the workerd figure) and wall time.
 */
import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import type { AcsFixture } from "./fixture";

export function nodeSamlFor(fixture: AcsFixture): SAML {
  return new SAML({
    idpCert: fixture.idpCertPem,
    issuer: fixture.expectations.audience,
    audience: fixture.expectations.audience,
    callbackUrl: fixture.expectations.acsUrl,
    idpIssuer: fixture.expectations.idpEntityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: 120_000,
  });
}

/** One validation; throws unless node-saml accepts the Response. Returns the profile's email attribute. */
export async function nodeSamlEmail(saml: SAML, samlResponse: string): Promise<string> {
  const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
  const email = profile?.email;
  if (typeof email !== "string") throw new Error("node-saml returned no profile email");
  return email;
}

export type NodeSamlRun = { cpuMs: number[]; wallMs: number[] };

export async function runNodeSaml(fixture: AcsFixture, warmup: number, runs: number): Promise<NodeSamlRun> {
  const saml = nodeSamlFor(fixture);
  for (let i = 0; i < warmup; i++) await saml.validatePostResponseAsync({ SAMLResponse: fixture.samlResponse });
  const cpuMs: number[] = new Array(runs);
  const wallMs: number[] = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await saml.validatePostResponseAsync({ SAMLResponse: fixture.samlResponse });
    wallMs[i] = performance.now() - start;
    const used = process.cpuUsage(cpu);
    cpuMs[i] = (used.user + used.system) / 1000;
  }
  return { cpuMs, wallMs };
}
