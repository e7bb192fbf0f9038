/**
 * ID patterns with no dependency at all, for code whose size counts (the content script); their schemas are in
 * ./ids.ts.
 */

/** An Okta user ID: `00u` and 17 alphanumerics (docs/okta.md, "Object IDs"). */
export const OKTA_USER_ID = /^00u[A-Za-z0-9]{17}$/;
