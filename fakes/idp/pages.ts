/**
 * The fake IdP's HTML: a sign-in page, the auto-submitting response form (what Okta answers after sign-in),
 * an "Okta dashboard" with one tile per SP, and an error page. Every value is escaped: an AuthnRequest Issuer,
 * a RelayState or an email typed by someone else must not become markup.
 *
 * Stable hooks for browser tests: inputs `name="email"` / `name="groups"`, buttons `#sign-in` and
 * `[data-tile="<index>"]`, the response form `#saml-response-form`.
 */

/** Escapes text and attribute values (double or single quoted). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
  body { font: 15px/1.4 system-ui, sans-serif; background: #f4f5f7; color: #1d1d21; margin: 0; }
  header { background: #00297a; color: #fff; padding: 12px 24px; font-weight: 600; }
  main { max-width: 560px; margin: 32px auto; background: #fff; padding: 24px 32px; border-radius: 6px; box-shadow: 0 1px 3px #0002; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input[type=text], input[type=email] { width: 100%; box-sizing: border-box; padding: 8px; font: inherit; }
  button { margin-top: 16px; padding: 8px 16px; font: inherit; background: #1662dd; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; }
  .tile { border: 1px solid #d7d7dc; border-radius: 6px; padding: 12px; }
  .muted { color: #6e6e78; font-size: 13px; word-break: break-all; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>okta <span class="muted" style="color:#cfd8ff">(local fake IdP)</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function hiddenInputs(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
}

function identityFields(defaultEmail: string, id: string): string {
  return `<label for="email-${id}">Email</label>
<input type="email" id="email-${id}" name="email" value="${escapeHtml(defaultEmail)}" required autocomplete="off">
<label for="groups-${id}">Groups <span class="muted">(comma separated, optional)</span></label>
<input type="text" id="groups-${id}" name="groups" value="" autocomplete="off">`;
}

/** The sign-in page shown for an SP-initiated login (one AuthnRequest). */
export function signInPage(input: {
  action: string;
  spName: string;
  defaultEmail: string;
  /** acs, audience, inResponseTo, RelayState: carried to the POST that issues the response. */
  hidden: Readonly<Record<string, string | undefined>>;
}): string {
  return layout(
    "Sign In",
    `<h1>Sign in to ${escapeHtml(input.spName)}</h1>
<p class="muted">Any email is accepted: this IdP only exists for local development and tests.</p>
<form method="post" action="${escapeHtml(input.action)}">
${hiddenInputs(input.hidden)}
${identityFields(input.defaultEmail, "sp")}
<button type="submit" id="sign-in">Sign in</button>
</form>`,
  );
}

/** One tile of the dashboard: an IdP-initiated login into one configured SP. */
export interface DashboardTile {
  readonly name: string;
  readonly acsUrl: string;
  readonly audience: string;
  readonly relayState: string | undefined;
}

/** The "Okta dashboard": one tile per configured SP, each posting an IdP-initiated sign-in. */
export function dashboardPage(input: { action: string; defaultEmail: string; tiles: readonly DashboardTile[] }): string {
  const tiles = input.tiles.map(
    (tile, index) => `<form class="tile" method="post" action="${escapeHtml(input.action)}">
<strong>${escapeHtml(tile.name)}</strong>
<div class="muted">${escapeHtml(tile.acsUrl)}</div>
${hiddenInputs({ acs: tile.acsUrl, audience: tile.audience, RelayState: tile.relayState })}
${identityFields(input.defaultEmail, String(index))}
<button type="submit" data-tile="${index}">Open</button>
</form>`,
  );
  return layout(
    "My Apps",
    `<h1>My Apps</h1>
${tiles.length === 0 ? "<p>No applications are assigned.</p>" : `<div class="tiles">\n${tiles.join("\n")}\n</div>`}`,
  );
}

/**
 * What Okta answers after sign-in: a form that the browser posts to the SP's ACS on load. The script needs the
 * page's CSP nonce; without JavaScript the button does the same.
 */
export function autoPostPage(input: { acsUrl: string; samlResponse: string; relayState: string | undefined; nonce: string }): string {
  return layout(
    "Signing in…",
    `<p>Signing in to <span class="muted">${escapeHtml(input.acsUrl)}</span>…</p>
<form id="saml-response-form" method="post" action="${escapeHtml(input.acsUrl)}">
${hiddenInputs({ SAMLResponse: input.samlResponse, RelayState: input.relayState })}
<noscript><p>JavaScript is off: press Continue.</p></noscript>
<button type="submit">Continue</button>
</form>
<script nonce="${escapeHtml(input.nonce)}">document.getElementById("saml-response-form").submit();</script>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
