/**
 * Runs the fake Persona API server on its own (for `npm run dev`, benchmarks, manual poking):
 *
 *   npx tsx fakes/persona/cli.ts [--host 127.0.0.1] [--port 8791] [--env dev] [--api-key persona_sandbox_…] [--demo]
 *
 * `--env` creates an environment with that id at start-up (its base URL is `<url>/e/<id>/api/v1`), with the given
 * API key or a new one; `--demo` seeds it with an account per Okta user id given in `--okta-user` (repeatable;
 * default one made-up id), each with an open and a resolved case and two inquiries. Everything else (more seeds,
 * faults, webhooks) goes through the control API at `<url>/__fake` (README.md).
 */
import { parseArgs } from "node:util";
import { startFakePersona } from "./server";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8791" },
    env: { type: "string" },
    "api-key": { type: "string" },
    demo: { type: "boolean", default: false },
    "okta-user": { type: "string", multiple: true },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid --port: ${values.port}`);
  process.exit(2);
}

const persona = await startFakePersona({ host: values.host, port, log: (line) => console.log(`[persona] ${line}`) });
console.log(`Fake Persona listening on ${persona.url}\n  control API: ${persona.controlUrl} (see fakes/persona/README.md)`);

const envId = values.env ?? (values.demo ? "demo" : undefined);
if (envId !== undefined) {
  const { baseUrl, apiKey } = await persona.createEnv({ id: envId, apiKey: values["api-key"] });
  if (values.demo) {
    const env = persona.env(envId)!;
    const now = Date.now();
    const day = 86_400_000;
    for (const [index, oktaUserId] of (values["okta-user"] ?? ["00u1demo0persona0001"]).entries()) {
      const account = env.seedAccount(
        {
          referenceId: oktaUserId,
          tags: ["okta"],
          fields: { email_address: `user${index + 1}@acme.test`, name: { first: "Demo", last: `User ${index + 1}` } },
        },
        now,
      );
      const first = env.seedInquiry({ account: account.id, status: "approved", createdAt: new Date(now - 30 * day).toISOString() }, now);
      const second = env.seedInquiry({ account: account.id, status: "needs_review", createdAt: new Date(now - day).toISOString() }, now);
      env.seedCase(
        {
          accounts: [account.id],
          inquiries: [first.id],
          status: "Approved",
          resolution: "Approved",
          createdAt: new Date(now - 29 * day).toISOString(),
          resolvedAt: new Date(now - 28 * day).toISOString(),
        },
        now,
      );
      env.seedCase(
        {
          accounts: [account.id],
          inquiries: [second.id],
          status: "Open",
          assigneeId: "reviewer@acme.test",
          createdAt: new Date(now - day).toISOString(),
          comments: [{ message: "Selfie does not match the ID photo; asked for a new one.", commenterId: "reviewer@acme.test" }],
        },
        now,
      );
    }
  }
  console.log(`  environment ${envId}: base URL ${baseUrl}\n  API key: ${apiKey}${values.demo ? "\n  seeded with demo accounts, cases and inquiries" : ""}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void persona.close().finally(() => process.exit(0));
  });
}
