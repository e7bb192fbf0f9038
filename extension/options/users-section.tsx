import { RoleSchema, type Role } from "../../shared/roles";
import { UserListSchema, UserSchema, type User } from "../../shared/users";
import { apiCall, orgPath } from "./api";
import { formatTime } from "./format";
import { Announce, Empty, ErrorNote, Loading, useAction } from "./status";
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
      {loaded.state === "loading" && <Loading what="users" />}
      {loaded.state === "error" && <ErrorNote error={loaded.error} />}
      {loaded.state === "ready" && loaded.data.users.length === 0 && <Empty>No users yet: they appear at their first sign-in.</Empty>}
      {loaded.state === "ready" && loaded.data.users.length > 0 && (
        <table data-poc="users">
          <caption>Users</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Role from</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.users.map((user) => (
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
                    {RoleSchema.options.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{user.roleSource}</td>
                <td>{formatTime(user.lastLoginAt)}</td>
                <td>
                  {user.disabled ? "disabled " : "active "}
                  {user.email !== selfEmail && (
                    <button type="button" data-poc={user.disabled ? "enable-user" : "disable-user"} disabled={busy !== null} onClick={() => update(user, { disabled: !user.disabled }, `${user.email} ${user.disabled ? "enabled" : "disabled"}.`)}>
                      {user.disabled ? "Enable" : "Disable"}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Announce message={message} />
    </section>
  );
}
