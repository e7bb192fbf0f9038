import { RoleSchema, type Role } from "../../shared/roles";
import { UserListSchema, UserSchema, type User } from "../../shared/users";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { DataTable } from "./data-table";
import { Options } from "./field";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/** The organization's users (admin): role and whether they may sign in. A role set here is kept over the mapping. */
export function UsersSection({ orgId, selfEmail }: { orgId: string; selfEmail: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "users"), UserListSchema), [orgId]);
  const { busy, message, run } = useAction();
  const update = (user: User, patch: { role?: Role; disabled?: boolean }, done: string) =>
    void run(`user:${user.id}`, () => apiCall("PATCH", orgPath(orgId, "users", user.id), UserSchema, patch), () => {
      reload();
      return done;
    });

  return (
    <section data-section="users" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <LoadedList loaded={loaded} what="users" items={(data) => data.users} empty="No users yet: they appear at their first sign-in.">
        {(users) => (
          <DataTable poc="users" caption="Users" columns={["Email", "Role", "Role from", "Last sign-in", "Status"]}>
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
                <td>{formatTime(user.lastLoginAt)}</td>
                <td>
                  {user.disabled ? "disabled " : "active "}
                  {user.email !== selfEmail && (
                    <BusyButton busy={busy} poc={user.disabled ? "enable-user" : "disable-user"} onClick={() => update(user, { disabled: !user.disabled }, `${user.email} ${user.disabled ? "enabled" : "disabled"}.`)}>
                      {user.disabled ? "Enable" : "Disable"}
                    </BusyButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <Announce message={message} />
    </section>
  );
}
