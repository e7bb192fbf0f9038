/** Okta groups of a fake org; every user is also in the built-in `Everyone` group, as in Okta. */
import { newGroupId } from "./ids";

export interface GroupRecord {
  id: string;
  type: "OKTA_GROUP" | "BUILT_IN" | "APP_GROUP";
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
}

export interface GroupSeed {
  id?: string;
  type?: GroupRecord["type"];
  profile: { name: string; description?: string | null };
}

export class GroupStore {
  private readonly groups = new Map<string, GroupRecord>();
  readonly everyone: GroupRecord;

  constructor(nowIso: string) {
    this.everyone = this.create({ type: "BUILT_IN", profile: { name: "Everyone", description: "All users in your organization" } }, nowIso);
  }

  create(seed: GroupSeed, nowIso: string): GroupRecord {
    const group: GroupRecord = {
      id: seed.id ?? newGroupId(),
      type: seed.type ?? "OKTA_GROUP",
      name: seed.profile.name,
      description: seed.profile.description ?? null,
      created: nowIso,
      lastUpdated: nowIso,
      lastMembershipUpdated: nowIso,
    };
    if (this.groups.has(group.id)) throw new Error(`a group with id ${group.id} exists`);
    this.groups.set(group.id, group);
    return group;
  }

  get(id: string): GroupRecord | undefined {
    return this.groups.get(id);
  }

  all(): GroupRecord[] {
    return [...this.groups.values()];
  }

  /** A group id, or a group name (created as an Okta group when new). */
  resolveOrCreate(ref: string, nowIso: string): GroupRecord {
    return this.groups.get(ref) ?? this.all().find((group) => group.name === ref) ?? this.create({ profile: { name: ref } }, nowIso);
  }
}

export function renderGroup(group: GroupRecord, orgUrl: string): Record<string, unknown> {
  const logo = (name: string) => ({ name, href: `${orgUrl}/img/logos/groups/okta-${name}.png`, type: "image/png" });
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: ["okta:user_group"],
    type: group.type,
    profile: { name: group.name, description: group.description ?? "" },
    _links: {
      logo: [logo("medium"), logo("large")],
      users: { href: `${orgUrl}/api/v1/groups/${group.id}/users` },
      apps: { href: `${orgUrl}/api/v1/groups/${group.id}/apps` },
    },
  };
}
