import type { FC, PropsWithChildren } from "hono/jsx";
import { PAGE_STYLE_HREF } from "./page-style";

/** The frame of every page but the extension hand-off: no script, one same-origin stylesheet (routes/page-style.ts). */
export const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title} · Persona Okta Companion</title>
      <link rel="stylesheet" href={PAGE_STYLE_HREF} />
    </head>
    <body>{children}</body>
  </html>
);

/** A terse failure page: the code and request ID to quote, and where the details are. */
export const ErrorPage: FC<{ code: string; requestId: string }> = (p) => (
  <Layout title="Sign-in failed">
    <h1>Sign-in failed</h1>
    <p>
      The sign-in could not be completed (<code>{p.code}</code>). Try again from Okta; if it keeps failing, give your administrator this reference:{" "}
      <code>{p.requestId}</code>.
    </p>
    <p class="muted">Administrators find the details in the organization's log.</p>
  </Layout>
);

/**
 * The hand-off to the browser extension after an extension sign-in: a same-origin page that navigates to the
 * extension's redirect URL by meta refresh, rather than a 303 from the ACS. The ACS is reached by the IdP's
 * auto-posting form, and Chromium applies that page's CSP `form-action` to every redirect of the form submission:
 * an IdP that allows only our ACS there (our test IdP does) would block a 303 to `chromiumapp.org`. A meta refresh
 * is a new navigation, which no IdP policy governs; the browser's web-auth flow catches it and the page never
 * really loads anything else. The link is for browsers that ignore meta refresh.
 */
export const ExtensionHandoffPage: FC<{ href: string }> = (p) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="referrer" content="no-referrer" />
      <meta http-equiv="refresh" content={`0;url=${p.href}`} />
      <title>Returning to the extension · Persona Okta Companion</title>
    </head>
    <body>
      <p>
        Signed in. Returning to the browser extension… <a href={p.href}>Continue</a>
      </p>
    </body>
  </html>
);
