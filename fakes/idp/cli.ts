/**
 * Runs the fake IdP on its own (`npm run dev` starts it for you):
 *
 *   npx tsx fakes/idp/cli.ts [--host 127.0.0.1] [--port 8788] [--sp ACS_URL[,AUDIENCE[,NAME]]]...
 *
 * `--sp` may be repeated; AUDIENCE defaults to the ACS URL with its trailing `/acs` replaced by `/metadata`
 * (this project's SP entity ID). Without `--sp`, the demo organization of `npm run dev` is trusted.
 */
import { parseArgs } from "node:util";
import { type FakeSp, startFakeIdp } from "./server";

const DEMO_ACS = "http://127.0.0.1:8787/acme/acs";

function parseSp(value: string): FakeSp {
  const [acsUrl = "", audience, ...rest] = value.split(",");
  const name = rest.join(",") || undefined;
  return { acsUrl, audience: audience || acsUrl.replace(/\/acs$/, "/metadata"), name };
}

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8788" },
    sp: { type: "string", multiple: true, default: [DEMO_ACS] },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid --port: ${values.port}`);
  process.exit(2);
}

const fake = await startFakeIdp({ host: values.host, port, sps: values.sp.map(parseSp), log: (line) => console.log(`[idp] ${line}`) });
console.log(`Fake IdP (Okta-shaped) listening on ${fake.url}
  dashboard (IdP-initiated): ${fake.url}/
  metadata:                  ${fake.metadataUrl}
  entity ID:                 ${fake.idp.entityId}
  signs for:                 ${fake.sps.map((sp) => `${sp.acsUrl} (audience ${sp.audience})`).join("\n                             ")}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().finally(() => process.exit(0));
  });
}
