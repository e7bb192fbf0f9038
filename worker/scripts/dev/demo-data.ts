/**
 * The demo of `npm run dev`: the organization `acme`'s fake Okta org (its service app, groups and users) and fake
 * Persona environment (its key, webhook secret, automation rule and records), with stable IDs so that URLs and the
 * banner's curl lines keep working across runs.
 */
/** The fake Okta org of the demo: its client is the service app of acme's credential. */
export const DEMO_OKTA = {
  nickname: "Demo Okta (local fake)",
  clientId: "0oademo0companion0001",
  /**
   * The console the fake org stands for: the browser tests' fake admin console is served at this host, and the
   * overlay acts only there (a loopback org URL names no console of its own).
   */
  adminConsoleHost: "acme-admin.okta.com",
  /** What the README's "Connecting Okta" asks an admin to grant, and a Super Administrator role. */
  grantedScopes: ["okta.users.read", "okta.users.manage", "okta.authenticators.read", "okta.logs.read"],
} as const;

/** Stable IDs (Okta's shape: a 3-character prefix + 17), so URLs and curl lines keep working across runs. */
export const DEMO_GROUPS = [
  { id: "00gdemoengineering01", profile: { name: "Engineering", description: "Product engineering" } },
  { id: "00gdemoadmins0000002", profile: { name: "Okta Admins", description: "Administrators of the Okta org" } },
  { id: "00gdemosupport000003", profile: { name: "Support", description: "Customer support" } },
  { id: "00gdemofinance000004", profile: { name: "Finance", description: "Finance and accounting" } },
];

export const DEMO_USERS: Array<{
  id: string;
  status: string;
  first: string;
  last: string;
  title: string;
  department: string;
  factors: number;
  groups: string[];
}> = [
  {
    id: "00udemoada0000000001",
    status: "ACTIVE",
    first: "Ada",
    last: "Lovelace",
    title: "Staff Engineer",
    department: "Engineering",
    factors: 2,
    groups: ["Engineering", "Okta Admins"],
  },
  {
    id: "00udemograce00000002",
    status: "SUSPENDED",
    first: "Grace",
    last: "Hopper",
    title: "Engineering Manager",
    department: "Engineering",
    factors: 1,
    groups: ["Engineering"],
  },
  {
    id: "00udemoalan000000003",
    status: "LOCKED_OUT",
    first: "Alan",
    last: "Turing",
    title: "Support Engineer",
    department: "Support",
    factors: 1,
    groups: ["Support"],
  },
  {
    id: "00udemokath000000004",
    status: "STAGED",
    first: "Katherine",
    last: "Johnson",
    title: "Financial Analyst",
    department: "Finance",
    factors: 0,
    groups: ["Finance"],
  },
  {
    id: "00udemochar000000005",
    status: "DEPROVISIONED",
    first: "Charles",
    last: "Babbage",
    title: "Contractor",
    department: "Finance",
    factors: 0,
    groups: [],
  },
];

const DAY_MS = 86_400_000;

/**
 * The fake Persona environment of the demo. Its ID and API key are fixed because acme's Persona connection (sealed in
 * KV) outlives the in-memory fake: the same key must open the new environment of every run. Local fakes only.
 */
export const DEMO_PERSONA = {
  envId: "demo",
  apiKey: "persona_sandbox_demo0companion0000000001",
  webhookSecret: "wbhsec_demo0companion0000000001",
  rule: { name: "Declined case suspends the user", event: "case.resolved", status: "Declined", action: "suspend" },
  /** The verified-recovery policy's inquiry template (the fake accepts any `itmpl_…`). */
  verificationTemplateId: "itmpl_demoRecovery00000001",
} as const;

/** Stable Persona IDs (a type prefix and 24 alphanumerics), so the banner's commands keep working across runs. */
export const DEMO_PERSONA_IDS = {
  adaAccount: "act_demoAdaLovelace000000001",
  adaOpenCase: "case_demoAdaKycReview00000001",
  adaOldCase: "case_demoAdaOnboarding0000002",
  adaReviewInquiry: "inq_demoAdaReselfie000000001",
  adaApprovedInquiry: "inq_demoAdaOnboarding0000002",
  graceAccount: "act_demoGraceHopper000000002",
  graceCase: "case_demoGraceReview000000003",
  graceInquiry: "inq_demoGraceVerify000000003",
  alanAccount: "act_demoAlanTuring0000000003",
} as const;

/**
 * What Persona knows about the demo users (control API seeds, fakes/persona/README.md), dated relative to
 * `now`: Ada has an open KYC case (listed first) and an older approved one, Grace a declined case and a failed
 * inquiry, Alan an account with no cases, and Katherine no account at all (the overlay's empty state).
 */
export function demoPersonaSeeds(now: number) {
  const ago = (days: number, hours = 0) => new Date(now - days * DAY_MS - hours * 3_600_000).toISOString();
  const [ada, grace, alan] = [DEMO_USERS[0]!, DEMO_USERS[1]!, DEMO_USERS[2]!];
  const account = (id: string, user: (typeof DEMO_USERS)[number], createdAt: string) => ({
    id,
    referenceId: user.id,
    tags: ["okta"],
    fields: { email_address: `${user.first.toLowerCase()}@acme.test`, name: { first: user.first, last: user.last } },
    createdAt,
  });
  const reviewer = "reviewer@acme.test";
  const ids = DEMO_PERSONA_IDS;
  return {
    accounts: [account(ids.adaAccount, ada, ago(400)), account(ids.graceAccount, grace, ago(300)), account(ids.alanAccount, alan, ago(200))],
    inquiries: [
      {
        id: ids.adaApprovedInquiry,
        account: ids.adaAccount,
        status: "approved",
        createdAt: ago(400),
        startedAt: ago(400),
        completedAt: ago(400),
        decisionedAt: ago(399),
      },
      {
        id: ids.adaReviewInquiry,
        account: ids.adaAccount,
        status: "needs_review",
        createdAt: ago(2, 3),
        startedAt: ago(2, 3),
        completedAt: ago(2, 2),
        markedForReviewAt: ago(2, 2),
      },
      { id: ids.graceInquiry, account: ids.graceAccount, status: "failed", createdAt: ago(9), startedAt: ago(9), failedAt: ago(9) },
    ],
    cases: [
      {
        id: ids.adaOldCase,
        name: `Onboarding – ${ada.first} ${ada.last}`,
        status: "Approved",
        resolution: "Approved",
        accounts: [ids.adaAccount],
        inquiries: [ids.adaApprovedInquiry],
        createdAt: ago(399),
        assigneeId: reviewer,
        assignedAt: ago(399),
        resolvedAt: ago(398),
        resolverId: reviewer,
      },
      {
        id: ids.adaOpenCase,
        name: `KYC review – ${ada.first} ${ada.last}`,
        status: "Open",
        accounts: [ids.adaAccount],
        inquiries: [ids.adaReviewInquiry],
        createdAt: ago(2, 2),
        assigneeId: reviewer,
        assignedAt: ago(1, 20),
        slaExpiresAt: new Date(now + DAY_MS).toISOString(),
        comments: [{ message: "Selfie does not match the ID photo; asked for a new one.", commenterId: reviewer, createdAt: ago(1, 19) }],
      },
      {
        id: ids.graceCase,
        name: `KYC review – ${grace.first} ${grace.last}`,
        status: "Declined",
        resolution: "Declined",
        accounts: [ids.graceAccount],
        inquiries: [ids.graceInquiry],
        createdAt: ago(9),
        assigneeId: reviewer,
        assignedAt: ago(9),
        resolvedAt: ago(8),
        resolverId: reviewer,
        comments: [{ message: "Document failed verification twice; declined.", commenterId: reviewer, createdAt: ago(8) }],
      },
    ],
  };
}
