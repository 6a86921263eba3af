import { Form, useNavigation } from "react-router";
import type { Tone3000Account } from "../lib/api-types";
import { FormMessage } from "./FormMessage";

/** The connected TONE3000 account (avatar, name, username) and "Disconnect", with the api's refusal in place. */
export function Tone3000AccountPanel({ account, error }: { account: Tone3000Account; error?: string | null }) {
  const navigation = useNavigation();
  const disconnecting = navigation.state === "submitting" && navigation.formData?.get("intent") === "unlink";
  return (
    <section className="tone3000-account" aria-label="Your TONE3000 account" data-testid="tone3000-account">
      <div className="tone3000-account-who">
        {account.avatarUrl ? (
          <img className="avatar avatar-large" src={account.avatarUrl} alt="" width={36} height={36} />
        ) : (
          <span className="avatar avatar-large avatar-placeholder" aria-hidden="true">
            {account.username.slice(0, 1).toUpperCase()}
          </span>
        )}
        <p>
          Connected to TONE3000 as <strong data-testid="tone3000-account-name">{account.name}</strong>
          {account.name !== account.username && <span className="muted"> @{account.username}</span>}
        </p>
      </div>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="unlink" />
        <button type="submit" className="button button-quiet" disabled={disconnecting} aria-describedby="unlink-hint">
          {disconnecting ? "Disconnecting…" : "Disconnect"}
        </button>
      </Form>
      <p className="hint" id="unlink-hint">
        If you disconnect, models you added stay in your library but cannot render until you connect again.
      </p>
      <FormMessage message={error} />
    </section>
  );
}
