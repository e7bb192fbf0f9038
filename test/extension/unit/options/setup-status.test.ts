/** The Setup checklist's rules: each step's state, problem and fix from the worker's answers. */
import { describe, expect, it } from "vitest";
import {
  oktaCredentialStatus,
  personaStatus,
  rulesStatus,
  ssoStatus,
  unreadable,
  verificationStatus,
  webhooksStatus,
} from "../../../../extension/options/setup-status";
import { auditEntry, CRED_ID, credential, logEntry, oktaHook, personaConnected, personaHook, policy, rule, ssoConfigured, ssoEmpty } from "./fixtures";

describe("setup status: 1. SSO", () => {
  it("is not started without an IdP", () => {
    expect(ssoStatus(ssoEmpty, []).state).toBe("not-started");
  });

  it("is done with an IdP whose newest sign-in succeeded", () => {
    const log = [logEntry("sso.login", "2030-06-02T00:00:00.000Z"), logEntry("sso.login_failed", "2030-06-01T00:00:00.000Z", "saml_audience_mismatch")];
    expect(ssoStatus(ssoConfigured(), log)).toMatchObject({ state: "done", problem: null });
  });

  it("names the newest refused sign-in in plain words, with the field to change in Okta", () => {
    const log = [
      logEntry("extension.token", "2030-06-03T00:00:00.000Z"),
      logEntry("sso.login_failed", "2030-06-02T00:00:00.000Z", "saml_audience_mismatch", "audience"),
    ];
    const status = ssoStatus(ssoConfigured(), log);
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("saml_audience_mismatch");
    expect(status.problem).toContain("another audience");
    expect(status.fix).toContain("https://companion.example.com/acme/metadata");
  });

  it("keeps the worker's words for a refusal it has no plain words for", () => {
    const status = ssoStatus(ssoConfigured(), [logEntry("sso.login_failed", "2030-06-02T00:00:00.000Z", "saml_xml_invalid", "the document is not XML")]);
    expect(status.problem).toContain("the document is not XML");
  });

  it("needs attention when every pinned certificate has expired", () => {
    const status = ssoStatus(ssoConfigured(true), []);
    expect(status.state).toBe("attention");
    expect(status.fix).toContain("Get metadata again");
  });
});

describe("setup status: 2. Okta credential", () => {
  it("is not started without a credential", () => {
    expect(oktaCredentialStatus([], []).state).toBe("not-started");
  });

  it("is done when the newest Test of a credential succeeded", () => {
    const audit = [
      auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "success" }),
      auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "refused" }),
    ];
    expect(oktaCredentialStatus([credential()], audit).state).toBe("done");
  });

  it("needs attention when the newest Test refused something, even after an older success", () => {
    const audit = [
      auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "refused" }),
      auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "success" }),
    ];
    const status = oktaCredentialStatus([credential()], audit);
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("Companion app");
    expect(status.fix).toContain("scope");
  });

  it("needs attention when never tested, and ignores other credentials' Tests", () => {
    const audit = [auditEntry({ action: "credential_test", credentialId: "cred_other", result: "success" })];
    const status = oktaCredentialStatus([credential()], audit);
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("Not tested yet");
  });

  it("needs attention when a credential has no admin console host (the panel could not act)", () => {
    const audit = [auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "success" })];
    const status = oktaCredentialStatus([credential({ adminConsoleHost: null })], audit);
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("admin console host");
  });
});

describe("setup status: 3. Persona", () => {
  it("is not started without a key", () => {
    expect(personaStatus({ configured: false }, []).state).toBe("not-started");
  });

  it("is done after an accepted Test of the current connection", () => {
    expect(personaStatus(personaConnected, [auditEntry({ action: "persona_test", at: "2030-01-03T00:00:00.000Z" })]).state).toBe("done");
  });

  it("needs attention after a refused Test, with Persona's code", () => {
    const status = personaStatus(personaConnected, [auditEntry({ action: "persona_test", result: "refused", errorCode: "persona_rejected" })]);
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("persona_rejected");
  });

  it("does not count a Test older than the connection's last change", () => {
    const status = personaStatus(personaConnected, [auditEntry({ action: "persona_test", at: "2030-01-01T12:00:00.000Z" })]);
    expect(status.state).toBe("attention");
  });
});

describe("setup status: 4. webhooks", () => {
  it("is done with both secrets, not started with neither", () => {
    expect(webhooksStatus(personaHook(true), oktaHook(1)).state).toBe("done");
    expect(webhooksStatus(personaHook(false), oktaHook(0)).state).toBe("not-started");
  });

  it("says which one is missing and what is lost without it", () => {
    expect(webhooksStatus(personaHook(false), oktaHook(1)).problem).toContain("rules never run");
    expect(webhooksStatus(personaHook(true), oktaHook(0)).problem).toContain("changes other admins make in Okta");
  });
});

describe("setup status: 5. verification and 6. rules", () => {
  it("verification: not started without a policy, attention without Persona, done otherwise", () => {
    expect(verificationStatus({ configured: false }, personaConnected).state).toBe("not-started");
    expect(verificationStatus(policy, { configured: false }).state).toBe("attention");
    expect(verificationStatus(policy, personaConnected)).toMatchObject({ state: "done", summary: expect.stringContaining("reset_factors") });
  });

  it("rules: not started without one, attention when all are off or Persona's webhook has no secret", () => {
    expect(rulesStatus([], personaHook(true)).state).toBe("not-started");
    expect(rulesStatus([rule(false)], personaHook(true)).problem).toContain("disabled");
    expect(rulesStatus([rule()], personaHook(false)).problem).toContain("webhook");
    expect(rulesStatus([rule()], personaHook(true)).state).toBe("done");
  });
});

describe("setup status: a read that failed", () => {
  it("needs attention and carries the error's code", () => {
    const status = unreadable("the SSO configuration", { code: "forbidden", message: "no", status: 403, requestId: "req-1" });
    expect(status.state).toBe("attention");
    expect(status.problem).toContain("forbidden");
    expect(status.problem).toContain("req-1");
  });
});
