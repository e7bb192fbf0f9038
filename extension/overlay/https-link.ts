/**
 * Whether the overlay may draw `link` as something a person opens: https only. The background checks most links with
 * the shared HttpsUrlSchema, but not every schema it parses with asks for https (a timeline item's link is any URL),
 * and the content script carries no zod; so each link the panel draws from an answer passes here first.
 */
export function isHttpsLink(link: string): boolean {
  try {
    return new URL(link).protocol === "https:";
  } catch {
    return false;
  }
}
