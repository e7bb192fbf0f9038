/**
 * What to set on the Okta SAML app's Provisioning tab (docs/scim.md, "Setting it up in Okta"), as a table, with the
 * base URL filled in once the worker has answered it.
 */
export function ScimOktaSettings({ baseUrl }: { baseUrl: string | null }) {
  return (
    <table data-poc="scim-okta-settings">
      <caption>In Okta: the SAML app → General → Provisioning: SCIM, then Provisioning → Integration</caption>
      <thead>
        <tr>
          <th scope="col">Okta field</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">SCIM connector base URL</th>
          <td>{baseUrl ? <code>{baseUrl}</code> : "shown with the first token you create below (…/<org>/scim/v2)"}</td>
        </tr>
        <tr>
          <th scope="row">Unique identifier field for users</th>
          <td>
            <code>userName</code>
          </td>
        </tr>
        <tr>
          <th scope="row">Supported provisioning actions</th>
          <td>Push New Users, Push Profile Updates, Push Groups (Import New Users is optional)</td>
        </tr>
        <tr>
          <th scope="row">Authentication Mode</th>
          <td>HTTP Header, with the token as the Bearer value</td>
        </tr>
        <tr>
          <th scope="row">Provisioning → To App</th>
          <td>enable Create Users, Update User Attributes and Deactivate Users</td>
        </tr>
      </tbody>
    </table>
  );
}
