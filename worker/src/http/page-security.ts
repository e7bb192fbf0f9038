import type { AppContext } from "./context";

/**
 * The Content-Security-Policy of the worker's own HTML pages (the front door, an organization's status page). They
 * run no script at all, so an injected `<script>` or event handler cannot run whatever slips past JSX escaping;
 * their one stylesheet is a file on this origin (routes/page-style.ts), so no inline style is allowed either.
 * `form-action 'self'` is for the sign-out button (`POST /api/logout`); `frame-ancestors 'none'` stops clickjacking
 * (X-Frame-Options comes from the app-wide secureHeaders, for browsers without CSP 2).
 */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The CDN origin the API reference page loads Scalar's standalone bundle from (routes/api-reference.ts). */
export const SCALAR_CDN_ORIGIN = "https://cdn.jsdelivr.net";

/**
 * The API reference page's policy: scripts only with this response's nonce. The CDN's origin is deliberately not in
 * `script-src`: it serves every npm package, so allowing the host would let an injected `<script src>` load any of
 * them; the nonce on the one `<script src>` Scalar renders is what lets its pinned bundle run. Style elements need
 * the nonce too (the bundle puts it on the stylesheet it injects, read from `<meta property="csp-nonce">`); style
 * attributes, which Scalar renders and no nonce can allow, are allowed alone (`style-src-attr`): an attribute styles
 * its own element and, with no other origin reachable, can beacon nowhere. `style-src` is the fallback of browsers
 * without the split directives. The page fetches `/openapi.json` and sends "Test request" calls to this origin
 * only (`connect-src 'self'`); Scalar's fonts, telemetry and agent are switched off, so nothing else is needed.
 */
export function apiReferenceCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `style-src-elem 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce for one response: 16 random bytes, base64 (the CSP grammar allows base64 and base64url). */
export function newCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Marks the response as one of our HTML pages: its policy, and never cached (a page shows a session's organization
 * or the live health). Nosniff and `Referrer-Policy: no-referrer` come from the app-wide secureHeaders (app.ts).
 */
export function securePage(c: AppContext, csp: string = PAGE_CSP): void {
  c.header("content-security-policy", csp);
  c.header("cache-control", "no-store");
}
