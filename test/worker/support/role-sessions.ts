import { orgWithSso, provision, signIn, testIdp } from "./api";

type Org = Awaited<ReturnType<typeof orgWithSso>>;

/**
 * The fixture of a role × route matrix: an organization with a signed-in viewer, operator and admin, and another
 * organization's admin (for the tenant check). `cookies` is keyed by role, and `otherAdmin`.
 */
export async function orgsWithRoleSessions(): Promise<{ org: Org; other: Org; cookies: Record<string, string> }> {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  const other = await orgWithSso(idp);
  const cookies: Record<string, string> = {};
  for (const role of ["viewer", "operator", "admin"] as const) {
    await provision(org.id, `${role}@example.com`, role);
    cookies[role] = await signIn(idp, org, `${role}@example.com`);
  }
  await provision(other.id, "admin@other.example", "admin");
  cookies.otherAdmin = await signIn(idp, other, "admin@other.example");
  return { org, other, cookies };
}
