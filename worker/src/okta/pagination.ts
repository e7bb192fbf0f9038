/** The `after` cursor of Okta's `Link: <…?after=X…>; rel="next"` header, or null at the end of the list. */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match) {
      try {
        return new URL(match[1]!).searchParams.get("after");
      } catch {
        return null;
      }
    }
  }
  return null;
}
