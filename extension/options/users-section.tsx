import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { type Role, RoleSchema } from "../../shared/roles";
import { CreateUserRequestSchema, type ProvisionedBy, ProvisionedBySchema, type User, UserListSchema, UserSchema } from "../../shared/users";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { DataTable } from "./data-table";
import { Field, Options } from "./field";
import { formValues, issueText } from "./form-values";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/** How a user came to exist here (shared/users.ts ProvisionedBySchema), in words. */
const PROVISIONED_WORDS: Record<ProvisionedBy | "unknown", string> = { jit: "JIT (first sign-in)", scim: "SCIM (Okta)", admin: "admin", unknown: "—" };

/**
 * The organization's users (admin): role and whether they may sign in, and pre-provisioning, so someone gets their
 * role before their first sign-in. A role set here is kept over the mapping.
 */
export function UsersSection({ orgId, selfEmail }: { orgId: string; selfEmail: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "users"), UserListSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();
  const [shown, setShown] = useState<ProvisionedBy | "all">("all");
  const update = (user: User, patch: { role?: Role; disabled?: boolean }, done: string) =>
    void run(
      `user:${user.id}`,
      () => apiCall("PATCH", orgPath(orgId, "users", user.id), UserSchema, patch),
      () => {
        reload();
        return done;
      },
    );
  const provision = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const parsed = CreateUserRequestSchema.safeParse({ email: (values.email ?? "").trim(), role: values.role });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not added: ${issueText(parsed.error)}` });
    // The form keeps its values when the worker refuses (e.g. user_exists), so a typo can be fixed in place.
    void run(
      "provision",
      () => apiCall("POST", orgPath(orgId, "users"), UserSchema, parsed.data),
      (user) => {
        form.reset();
        reload();
        return `Added ${user.email} as ${user.role}: the role applies from their first sign-in.`;
      },
    );
  };

  return (
    <section data-section="users" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <LoadedList loaded={loaded} what="users" items={(data) => data.users} empty="No users yet: they appear at their first sign-in, or when added below.">
        {(all) => {
          const users = shown === "all" ? all : all.filter((user) => user.provisionedBy === shown);
          return (
            <>
              <Field id="users-provisioned-filter" label="Show users provisioned by">
                <select
                  id="users-provisioned-filter"
                  data-poc="provisioned-filter"
                  value={shown}
                  onChange={(event) => setShown(event.currentTarget.value === "all" ? "all" : ProvisionedBySchema.parse(event.currentTarget.value))}
                >
                  <option value="all">anyone</option>
                  {ProvisionedBySchema.options.map((by) => (
                    <option key={by} value={by}>
                      {PROVISIONED_WORDS[by]}
                    </option>
                  ))}
                </select>
              </Field>
              <DataTable
                poc="users"
                caption={shown === "all" ? "Users" : `Users provisioned by ${PROVISIONED_WORDS[shown]}`}
                columns={["Email", "Role", "Role from", "Provisioned by", "Last sign-in", "Status"]}
              >
                {users.map((user) => (
                  <tr key={user.id} data-user={user.email}>
                    <th scope="row">{user.email}</th>
                    <td>
                      <label class="visually-hidden" for={`user-role-${user.id}`}>
                        Role of {user.email}
                      </label>
                      <select
                        id={`user-role-${user.id}`}
                        name="role"
                        value={user.role}
                        disabled={busy !== null}
                        onChange={(event) => {
                          const role = RoleSchema.parse(event.currentTarget.value);
                          update(user, { role }, `${user.email} is now ${role}.`);
                        }}
                      >
                        <Options values={RoleSchema.options} />
                      </select>
                    </td>
                    <td>{user.roleSource}</td>
                    <td data-poc="provisioned-by">{PROVISIONED_WORDS[user.provisionedBy ?? "unknown"]}</td>
                    <td>{formatTime(user.lastLoginAt)}</td>
                    <td>
                      {user.disabled ? "disabled " : "active "}
                      {user.email !== selfEmail && (
                        <BusyButton
                          busy={busy}
                          poc={user.disabled ? "enable-user" : "disable-user"}
                          onClick={() => update(user, { disabled: !user.disabled }, `${user.email} ${user.disabled ? "enabled" : "disabled"}.`)}
                        >
                          {user.disabled ? "Enable" : "Disable"}
                        </BusyButton>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          );
        }}
      </LoadedList>
      <form onSubmit={provision} noValidate data-poc="provision-user" aria-labelledby="provision-user-heading">
        <h3 id="provision-user-heading">Add a user before their first sign-in</h3>
        <Field id="provision-email" label="Email">
          <input id="provision-email" name="email" type="email" autoComplete="off" spellcheck={false} required />
        </Field>
        <Field id="provision-role" label="Role">
          <select id="provision-role" name="role">
            <Options values={RoleSchema.options} initial="viewer" />
          </select>
        </Field>
        <BusyButton type="submit" busy={busy} action="provision" working="Adding…">
          Add user
        </BusyButton>
      </form>
      <Announce message={message} />
    </section>
  );
}
