import { AppError } from "../../../shared/errors";
import type { Role } from "../../../shared/roles";
import type { User } from "../../../shared/users";
import type { OrgStoreStub } from "../storage/org-store-client";
import type { AuditWriter } from "./audit-writer";
import { userSummary } from "./change-summaries";

/** The organization's users (in its Durable Object): pre-provisioned with a role, role changes, disabling, audited. */
export class UserDirectory {
  constructor(
    private readonly store: OrgStoreStub,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  list(): Promise<User[]> {
    return this.store.listUsers();
  }

  async create(email: string, role: Role): Promise<User> {
    const result = await this.store.createUser(email, role, this.nowMs);
    if (!result.ok) throw new AppError("user_exists", "a user with this email exists");
    await this.audit.change({ action: "user_create", before: null, after: userSummary(result.user), status: 201 });
    return result.user;
  }

  async update(userId: string, patch: { role?: Role; disabled?: boolean }): Promise<User> {
    const change = await this.store.updateUser(userId, patch, this.nowMs);
    if (!change) throw new AppError("user_not_found", "no such user");
    // The user stays named on both sides, so the entry says whose role changed.
    await this.audit.change({
      action: "user_update",
      before: userSummary(change.before),
      after: userSummary(change.after),
      status: 200,
      keep: ["user", "userId"],
    });
    return change.after;
  }
}
