/**
 * A local HTTPS fake of the Okta admin console, enough of it for the content script: the user page
 * `/admin/user/profile/view/{userId}` (a header with the user's name and a `.subheader` under it, tabs linking
 * `#tab-account` etc., the side nav with `[data-se="o-side-nav-item-DIRECTORY"]`), the people list `/admin/users`,
 * and in-page navigation between users with `history.pushState` as the real single-page console does. Chromium
 * reaches it as `https://acme-admin.okta.com/...` through `--host-resolver-rules=MAP *.okta.com 127.0.0.1:<port>`,
 * so the extension's real `https://*-admin.okta.com/*` content script match runs on it.
 *
 * The page never knows about the extension: it is the console, not a test harness. Its certificate is self-signed
 * (`*.okta.com`), made with openssl in a temp folder per run; the browser runs with `--ignore-certificate-errors`.
 *
 * Hooks for tests: `[data-se="user-name"]` (the header), `[data-se="spa-link"][data-user-id]` (pushState links),
 * `[data-se="user-row"] a` (the list's links).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ConsoleUser {
  id: string;
  firstName: string;
  lastName: string;
  login: string;
  title: string;
}

/** The demo users of worker/scripts/dev.ts, as the console would list them. */
export const DEMO_CONSOLE_USERS: readonly ConsoleUser[] = [
  { id: "00udemoada0000000001", firstName: "Ada", lastName: "Lovelace", login: "ada@acme.test", title: "Staff Engineer" },
  { id: "00udemograce00000002", firstName: "Grace", lastName: "Hopper", login: "grace@acme.test", title: "Engineering Manager" },
  { id: "00udemoalan000000003", firstName: "Alan", lastName: "Turing", login: "alan@acme.test", title: "Support Engineer" },
  { id: "00udemokath000000004", firstName: "Katherine", lastName: "Johnson", login: "katherine@acme.test", title: "Financial Analyst" },
  { id: "00udemochar000000005", firstName: "Charles", lastName: "Babbage", login: "charles@acme.test", title: "Contractor" },
];

export interface FakeAdminConsole {
  port: number;
  /** `https://acme-admin.okta.com` (what the browser sees through the host-resolver rule). */
  origin: string;
  userUrl(userId: string, tab?: string): string;
  usersUrl: string;
  close(): Promise<void>;
}

/** A self-signed certificate for `*.okta.com` (EC P-256: quick to make), in a temp folder removed afterwards. */
function makeCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "poc-e2e-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-nodes",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "2",
        "-subj",
        "/CN=*.okta.com",
        "-addext",
        "subjectAltName=DNS:*.okta.com,DNS:okta.com",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } catch (error) {
    throw new Error(`openssl could not make the fake console's certificate (is openssl installed?): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 "Public Sans", system-ui, sans-serif; color: #1d1d21; background: #f4f4f6; }
  .o-top-bar { height: 56px; display: flex; align-items: center; gap: 16px; padding: 0 24px; background: #fff; border-bottom: 1px solid #e5e5ea; }
  .o-top-bar .logo { font-weight: 700; color: #00297a; font-size: 18px; }
  .o-top-bar .org { color: #6e6e78; }
  .layout { display: flex; min-height: calc(100vh - 56px); }
  nav.o-side-nav { width: 232px; background: #fff; border-right: 1px solid #e5e5ea; padding: 16px 0; }
  nav.o-side-nav a { display: block; padding: 8px 24px; color: #1d1d21; text-decoration: none; }
  nav.o-side-nav a.is-active { font-weight: 600; background: #ebf0ff; border-left: 3px solid #1662dd; }
  main#content { flex: 1; padding: 24px 32px; }
  .breadcrumb { color: #6e6e78; margin-bottom: 8px; }
  .breadcrumb a { color: #1662dd; }
  .profile-header { display: flex; align-items: center; gap: 16px; background: #fff; padding: 20px 24px; border-radius: 6px; border: 1px solid #e5e5ea; }
  .avatar { width: 56px; height: 56px; border-radius: 50%; background: #d7e2ff; display: grid; place-items: center; font-weight: 700; color: #00297a; }
  .profile-header h1 { margin: 0; font-size: 24px; }
  .subheader { color: #6e6e78; margin-top: 2px; }
  .o-tabs { display: flex; gap: 4px; list-style: none; margin: 16px 0 0; padding: 0; border-bottom: 1px solid #e5e5ea; }
  .o-tabs a { display: block; padding: 8px 16px; color: #1d1d21; text-decoration: none; }
  .o-tabs a.is-active { border-bottom: 2px solid #1662dd; font-weight: 600; }
  .panel { background: #fff; border: 1px solid #e5e5ea; border-radius: 6px; padding: 16px 24px; margin-top: 16px; }
  .panel dl { display: grid; grid-template-columns: 160px 1fr; gap: 6px 16px; margin: 0; }
  .panel dt { color: #6e6e78; }
  .related { margin-top: 16px; color: #6e6e78; }
  .related a { color: #1662dd; margin-right: 12px; }
  table.data-list { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #e5e5ea; }
  table.data-list th, table.data-list td { text-align: left; padding: 10px 16px; border-bottom: 1px solid #eee; }
  table.data-list a { color: #1662dd; }
`;

function page(title: string, activeNav: string, main: string, script = ""): string {
  const nav = ["DASHBOARD", "DIRECTORY", "CUSTOMIZATIONS", "APPLICATIONS", "SECURITY", "WORKFLOW", "REPORTS", "SETTINGS"]
    .map((item) => {
      const label = item.charAt(0) + item.slice(1).toLowerCase();
      const href = item === "DIRECTORY" ? "/admin/users" : `/admin/${item.toLowerCase()}`;
      return `<a href="${href}" data-se="o-side-nav-item-${item}"${item === activeNav ? ' class="is-active"' : ""}>${label}</a>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="o-top-bar"><span class="logo">okta</span><span class="org">Acme (fake admin console for tests)</span></header>
<div class="layout">
<nav class="o-side-nav" aria-label="Admin">
${nav}
</nav>
<main id="content">
${main}
</main>
</div>
${script === "" ? "" : `<script>${script}</script>`}
</body>
</html>
`;
}

const TABS = [
  ["tab-account", "Profile"],
  ["tab-groups", "Groups"],
  ["tab-apps", "Applications"],
  ["tab-devices", "Devices"],
  ["tab-admin-roles", "Admin roles"],
] as const;

/** The user page's main area; the inline script renders the same markup after a pushState navigation. */
function userMain(user: ConsoleUser, others: readonly ConsoleUser[]): string {
  const initials = `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`;
  const tabs = TABS.map(([id, label], index) => `<li><a href="#${id}"${index === 0 ? ' class="is-active"' : ""}>${label}</a></li>`).join("");
  const related = others
    .map(
      (other) =>
        `<a href="/admin/user/profile/view/${other.id}" data-se="spa-link" data-user-id="${other.id}">${escapeHtml(`${other.firstName} ${other.lastName}`)}</a>`,
    )
    .join("");
  return `<div class="breadcrumb"><a href="/admin/users">← Back to People</a></div>
<div class="profile-header" data-se="profile-header">
<div class="avatar" aria-hidden="true" data-se="avatar">${escapeHtml(initials)}</div>
<div><h1 data-se="user-name">${escapeHtml(`${user.firstName} ${user.lastName}`)}</h1>
<div class="subheader" data-se="user-subheader">${escapeHtml(user.login)} · ${escapeHtml(user.title)}</div></div>
</div>
<ul class="o-tabs" role="tablist">${tabs}</ul>
<section class="panel" data-se="profile-panel">
<dl><dt>Username</dt><dd data-se="login">${escapeHtml(user.login)}</dd><dt>First name</dt><dd>${escapeHtml(user.firstName)}</dd><dt>Last name</dt><dd>${escapeHtml(user.lastName)}</dd><dt>Title</dt><dd>${escapeHtml(user.title)}</dd></dl>
</section>
<div class="related">Other people: ${related}</div>`;
}

/**
 * The console's client-side router, reduced: a `[data-se="spa-link"]` click renders the other user in place and
 * pushes the URL (no reload, as in the real console); back/forward re-render; tab links only change the hash.
 */
function userScript(users: readonly ConsoleUser[]): string {
  return `
(() => {
  const users = ${JSON.stringify(users).replace(/</g, "\\u003c")};
  const byId = new Map(users.map((user) => [user.id, user]));
  const text = (tag, value, attrs) => {
    const el = document.createElement(tag);
    for (const [name, attr] of Object.entries(attrs || {})) el.setAttribute(name, attr);
    if (value !== undefined) el.textContent = value;
    return el;
  };
  function render(id) {
    const user = byId.get(id);
    if (!user) return false;
    document.title = user.firstName + " " + user.lastName + " - People - Okta Admin Console";
    document.querySelector('[data-se="user-name"]').textContent = user.firstName + " " + user.lastName;
    document.querySelector('[data-se="user-subheader"]').textContent = user.login + " · " + user.title;
    document.querySelector('[data-se="avatar"]').textContent = user.firstName.charAt(0) + user.lastName.charAt(0);
    document.querySelector('[data-se="login"]').textContent = user.login;
    const related = document.querySelector(".related");
    related.replaceChildren(document.createTextNode("Other people: "));
    for (const other of users) {
      if (other.id === id) continue;
      related.append(text("a", other.firstName + " " + other.lastName, { href: "/admin/user/profile/view/" + other.id, "data-se": "spa-link", "data-user-id": other.id }));
    }
    return true;
  }
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-se="spa-link"]') : null;
    if (!link) return;
    event.preventDefault();
    const id = link.getAttribute("data-user-id");
    if (render(id)) history.pushState({ userId: id }, "", "/admin/user/profile/view/" + id);
  });
  window.addEventListener("hashchange", () => {
    for (const tab of document.querySelectorAll(".o-tabs a")) tab.classList.toggle("is-active", tab.getAttribute("href") === location.hash);
  });
  window.addEventListener("popstate", () => {
    const match = /^\\/admin\\/user\\/profile\\/view\\/([^/]+)/.exec(location.pathname);
    if (match) render(match[1]);
  });
})();
`;
}

function usersMain(users: readonly ConsoleUser[]): string {
  const rows = users
    .map(
      (user) =>
        `<tr data-se="user-row"><td><a href="/admin/user/profile/view/${user.id}">${escapeHtml(`${user.firstName} ${user.lastName}`)}</a></td><td>${escapeHtml(user.login)}</td><td>${escapeHtml(user.title)}</td></tr>`,
    )
    .join("\n");
  return `<h1>People</h1>
<table class="data-list"><thead><tr><th>Person &amp; username</th><th>Login</th><th>Title</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

/**
 * `port`: 0 (default) picks a free one, which Chromium reaches through its host-resolver rule. Firefox has no such
 * rule (`network.dns.localDomains` maps the host, not the port) and matches `include_globs` against the whole URL,
 * so its tests serve the console on 443 (test/extension/support/firefox.ts).
 */
export async function startFakeAdminConsole(options: { users?: readonly ConsoleUser[]; subdomain?: string; port?: number } = {}): Promise<FakeAdminConsole> {
  const users = options.users ?? DEMO_CONSOLE_USERS;
  const origin = `https://${options.subdomain ?? "acme"}-admin.okta.com`;
  const { key, cert } = makeCertificate();
  const server: Server = createServer({ key, cert }, (request, response) => {
    const url = new URL(request.url ?? "/", origin);
    const send = (status: number, html: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(html);
    };
    if (request.method !== "GET") return send(405, page("Method not allowed", "", "<h1>Method not allowed</h1>"));
    if (url.pathname === "/" || url.pathname === "/admin" || url.pathname === "/admin/") {
      response.writeHead(302, { location: "/admin/dashboard" });
      return response.end();
    }
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204);
      return response.end();
    }
    const userMatch = /^\/admin\/user\/profile\/view\/([^/]+)\/?$/.exec(url.pathname);
    if (userMatch) {
      const user = users.find((candidate) => candidate.id === userMatch[1]);
      if (!user) return send(404, page("Not found", "DIRECTORY", "<h1>User not found</h1>"));
      return send(
        200,
        page(
          `${user.firstName} ${user.lastName} - People - Okta Admin Console`,
          "DIRECTORY",
          userMain(
            user,
            users.filter((other) => other.id !== user.id),
          ),
          userScript(users),
        ),
      );
    }
    if (url.pathname === "/admin/users") return send(200, page("People - Okta Admin Console", "DIRECTORY", usersMain(users)));
    if (url.pathname === "/admin/dashboard")
      return send(200, page("Dashboard - Okta Admin Console", "DASHBOARD", "<h1>Dashboard</h1><p>Overview of the org.</p>"));
    return send(404, page("Not found", "", "<h1>Page not found</h1>"));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port,
    origin,
    userUrl: (userId, tab) => `${origin}/admin/user/profile/view/${userId}${tab === undefined ? "" : `#${tab}`}`,
    usersUrl: `${origin}/admin/users`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
