import type { FC, PropsWithChildren } from "hono/jsx";

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title} · Persona Okta Companion</title>
      <style>{`body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}
code{background:#f1f1f4;padding:.1rem .3rem;border-radius:4px}h1{font-size:1.4rem}.muted{color:#5b5b66}`}</style>
    </head>
    <body>{children}</body>
  </html>
);

/** After sign-in: who you are, and how to use the extension. Text only; every value is escaped by JSX. */
export const LandingPage: FC<{ email: string; role: string; orgId: string; orgName: string; base: string }> = (p) => (
  <Layout title="Signed in">
    <h1>You are signed in</h1>
    <p>
      <strong>{p.email}</strong> · role <code>{p.role}</code> in <strong>{p.orgName}</strong> (<code>{p.orgId}</code>)
    </p>
    <h2>Use it inside the Okta admin console</h2>
    <ol>
      <li>Install the Persona Okta Companion browser extension (the project's extension/README.md: build, load, register its ID).</li>
      <li>
        In its options, set the worker URL to <code>{p.base}</code> and the organization to <code>{p.orgId}</code>, then choose "Sign in".
      </li>
      <li>Open a user in the Okta admin console: the Persona case and the actions you may take appear beside the profile.</li>
    </ol>
    <form method="post" action="/api/logout">
      <button type="submit">Sign out</button>
    </form>
  </Layout>
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
