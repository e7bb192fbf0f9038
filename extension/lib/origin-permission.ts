/**
 * The host permission pattern for a worker origin: scheme and host, any port. Firefox refuses a port in a match
 * pattern ("http://localhost:8787/*" is invalid there, so the request or check throws), while Chrome accepts both
 * forms; one pattern without the port works in both. A pattern matches every port of its host, which is no wider
 * than the manifest's optional origins (docs/extension.md, "Permissions").
 */
export function originPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
