/**
 * @module The stand-in's authorize pages: "Sign in as di_tester", then (for `prompt=select_tone`, or `load_tone`
 * of a tone the user cannot load) a tone list with one "Select" button per tone; "Cancel" and "Deny" on both.
 * Plain HTML forms with labelled buttons, so a headless browser can click them by role and name.
 */
import type { FakeTone, FakeUser } from "./fake-catalog.ts";
import { escapeHtml } from "./fake-http.ts";
import type { PendingAuthorization } from "./tone3000-fake-state.ts";

export const DECISION_PATH = "/api/v1/oauth/authorize/decision";

export interface AuthorizePageInput {
  pending: PendingAuthorization;
  username: string;
  /** Undefined: the sign-in view; a list (maybe empty): the Select view. */
  tones?: { tone: FakeTone; creator: FakeUser | undefined }[];
  /** Why the list is shown for `load_tone`, e.g. the requested tone is private. */
  notice?: string;
}

export function renderAuthorizePage({ pending, username, tones, notice }: AuthorizePageInput): string {
  const { request } = pending;
  const hidden = `<input type="hidden" name="authorization_id" value="${escapeHtml(pending.id)}">`;
  const returnTo = new URL(request.redirectUri).origin;
  const exits = `<form method="post" action="${DECISION_PATH}" class="exits">${hidden}
      <button type="submit" name="action" value="cancel">Cancel</button>
      <button type="submit" name="action" value="deny">Deny</button>
    </form>`;
  let body: string;
  if (tones === undefined) {
    body = `<p>The app <code>${escapeHtml(request.clientId)}</code> asks you to sign in with TONE3000; you will
      be sent back to <code>${escapeHtml(returnTo)}</code>.</p>
    <form method="post" action="${DECISION_PATH}">${hidden}
      <button type="submit" name="action" value="sign_in">Sign in as ${escapeHtml(username)}</button>
    </form>
    ${exits}`;
  } else {
    const f = request.filters;
    const scope = [
      f.gears ? `gears ${f.gears.join(", ")}` : undefined,
      f.format ? `format ${f.format}` : undefined,
      `architecture ${f.architecture ?? "1 + custom"}`,
      f.calibrated ? "calibrated only" : undefined,
    ].filter(Boolean);
    const items = tones
      .map(({ tone, creator }) => {
        const meta = [tone.gear, tone.format, `by ${creator?.username ?? "unknown"}`, tone.license].join(" · ");
        return `<li><form method="post" action="${DECISION_PATH}">${hidden}
        <input type="hidden" name="tone_id" value="${tone.id}">
        <strong>${escapeHtml(tone.title)}</strong> <span>${escapeHtml(meta)}</span>
        <button type="submit" name="action" value="select" aria-label="Select ${escapeHtml(tone.title)}">Select</button>
      </form></li>`;
      })
      .join("\n");
    body = `<p>Signed in as <strong>${escapeHtml(username)}</strong>. Choose a tone for
      <code>${escapeHtml(request.clientId)}</code> (${escapeHtml(scope.join("; "))}).</p>
    ${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ""}
    <h2>Tones</h2>
    ${items ? `<ul>${items}</ul>` : "<p>No tones match these filters.</p>"}
    ${exits}`;
  }
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>TONE3000 — local stand-in</title>
  <link rel="icon" href="data:,">
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
    .note { background: #fff4d6; padding: .5rem .75rem; border-radius: 4px; }
    ul { list-style: none; padding: 0; } li { margin: .5rem 0; } li span { color: #555; }
    form { margin: .5rem 0; } button { margin-right: .5rem; }
  </style>
</head>
<body>
  <main>
    <h1>TONE3000 — local stand-in</h1>
    <p class="note">This is a local stand-in for tone3000.com, used in development and tests. Nothing done here
      reaches TONE3000.</p>
    ${body}
  </main>
</body>
</html>
`;
}
