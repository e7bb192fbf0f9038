import { send } from "../lib/messages";
import { ExtensionIdPanel } from "./extension-id-panel";
import { LoadedView } from "./loaded-view";
import { RoleSections } from "./role-sections";
import { SettingsForm } from "./settings-form";
import { SignInPanel } from "./sign-in-panel";
import { useLoad } from "./use-load";

/** The admin's setup console: settings, this extension's ID, sign-in, then what the signed-in role may set up. */
export function OptionsApp() {
  const settings = useLoad(() => send("settings.get", {}), []);
  const session = useLoad(() => send("session.get", {}), []);

  return (
    <main>
      <h1>Persona Okta Companion</h1>
      <LoadedView loaded={settings.loaded} what="settings">
        {(initial) => (
          <SettingsForm
            initial={initial}
            onSaved={(saved) => {
              settings.replace(saved);
              // The background may have ended a session that belonged to other settings.
              session.reload();
            }}
          />
        )}
      </LoadedView>
      <ExtensionIdPanel session={session.loaded.state === "ready" ? session.loaded.data : null} />
      <LoadedView loaded={session.loaded} what="the session">
        {(current) => (
          <>
            {settings.loaded.state === "ready" && <SignInPanel settings={settings.loaded.data} session={current} onSession={session.replace} />}
            {current && <RoleSections key={`${current.orgId}:${current.email}`} session={current} />}
          </>
        )}
      </LoadedView>
    </main>
  );
}
