import type { FC } from "hono/jsx";
import type { ProbeStatus, ServiceSummary } from "../../../shared/front-door";
import { Layout } from "./pages";

const PROBE_TEXT: Record<ProbeStatus, string> = { ok: "reachable", unreachable: "unreachable", timeout: "no answer in time" };

const Check: FC<{ label: string; status: ProbeStatus }> = ({ label, status }) => (
  <tr>
    <th>{label}</th>
    <td class={status === "ok" ? "ok" : "bad"} data-check={status}>
      {PROBE_TEXT[status]}
    </td>
  </tr>
);

const YesNo: FC<{ label: string; value: boolean; yes: string; no: string }> = (p) => (
  <tr>
    <th>{p.label}</th>
    <td class={p.value ? "ok" : "todo"}>{p.value ? p.yes : p.no}</td>
  </tr>
);

/**
 * `GET /` for a browser: what this is, its version and health, and where to go next. Deliberately generic: it
 * names no organization (a visitor learns nothing about who uses this deployment) and shows configuration as
 * yes/no only, never a value.
 */
export const FrontDoorPage: FC<{ summary: ServiceSummary }> = ({ summary }) => (
  <Layout title="Front door">
    <h1>Persona Okta Companion</h1>
    <p>
      A Cloudflare Worker that puts the matching Persona case beside an Okta user and runs audited Okta account actions for the browser extension. Each
      organization signs in at <code>/&lt;organization&gt;/</code> with its own Okta SAML app.
    </p>
    <p>
      Version <code id="version">{summary.version}</code>
    </p>
    <h2>Health</h2>
    <table>
      <tbody>
        <Check label="Configuration store (KV)" status={summary.checks.kv} />
        <Check label="Organization store (Durable Objects)" status={summary.checks.durableObjects} />
        <YesNo
          label="Credential encryption (ENCRYPTION_KEYS)"
          value={summary.configuration.encryptionKeys}
          yes="configured"
          no="not configured: Okta credentials and Persona keys cannot be stored"
        />
        <YesNo
          label="Public base URL (PUBLIC_BASE_URL)"
          value={summary.configuration.fixedPublicBaseUrl}
          yes="fixed"
          no="not set: URLs follow the request's origin"
        />
      </tbody>
    </table>
    {summary.development && (
      <>
        <h2>Development switches</h2>
        <p class="muted">On here, never in production.</p>
        <table>
          <tbody>
            <YesNo
              label="Loopback upstreams (ALLOW_LOOPBACK_UPSTREAMS)"
              value={summary.development.loopbackUpstreams}
              yes="on: the local fakes (test IdP, fake Okta, fake Persona on 127.0.0.1) may be configured as upstreams"
              no="off"
            />
            <YesNo
              label="Answer checks (CHECK_ANSWERS)"
              value={summary.development.checkAnswers}
              yes="on: every answer is held to its schema in /openapi.json"
              no="off"
            />
          </tbody>
        </table>
      </>
    )}
    <h2>Where to go next</h2>
    <ul>
      <li>
        <a href={summary.links.apiReference}>API reference</a> (the raw document: <a href={summary.links.openapi}>/openapi.json</a>)
      </li>
      <li>
        Setting up an organization: <code>{summary.links.guides.setup}</code> in the project's repository
      </li>
      <li>
        Deploying your own: <code>{summary.links.guides.deploy}</code>
      </li>
      <li>
        Installing the browser extension: <code>{summary.links.guides.extension}</code>
      </li>
    </ul>
    <p class="muted">
      Monitors: <code>GET /</code> with <code>Accept: application/json</code> answers this summary as JSON (503 when a check fails); <code>GET /health</code>{" "}
      answers <code>{'{"ok":true}'}</code> while the worker runs.
    </p>
  </Layout>
);
