import { send } from "../lib/messages";
import { ExtensionIdPanel } from "./extension-id-panel";
import { RoleSections } from "./role-sections";
import { SettingsForm } from "./settings-form";
import { SignInPanel } from "./sign-in-panel";
import { ErrorNote, Loading } from "./status";
import { useLoad } from "./use-load";

/** The admin's setup console: settings, this extension's ID, sign-in, then what the signed-in role may set up. */
export function OptionsApp() {
  const settings = useLoad(() => send("settings.get", {}), []);
  const session = useLoad(() => send("session.get", {}), []);

  return (
    <main>
      <h1>Persona Okta Companion</h1>
      {settings.loaded.state === "loading" && <Loading what="settings" />}
      {settings.loaded.state === "error" && <ErrorNote error={settings.loaded.error} />}
      {settings.loaded.state === "ready" && (
        <SettingsForm
          initial={settings.loaded.data}
          onSaved={(saved) => {
            settings.replace(saved);
            // The background may have ended a session that belonged to other settings.
            session.reload();
          }}
        />
      )}
      <ExtensionIdPanel session={session.loaded.state === "ready" ? session.loaded.data : null} />
      {session.loaded.state === "loading" && <Loading what="the session" />}
      {session.loaded.state === "error" && <ErrorNote error={session.loaded.error} />}
      {session.loaded.state === "ready" && settings.loaded.state === "ready" && (
        <SignInPanel settings={settings.loaded.data} session={session.loaded.data} onSession={session.replace} />
      )}
      {session.loaded.state === "ready" && session.loaded.data && <RoleSections key={`${session.loaded.data.orgId}:${session.loaded.data.email}`} session={session.loaded.data} />}
    </main>
  );
}
