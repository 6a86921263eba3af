/**
 * @module Who may listen to a render's live progress: the app Worker asks the api (`render.watchable`, with the
 * browser's own cookie) before it lets the WebSocket through to the realtime Worker. The owner follows their own
 * renders; anyone may follow a render of an unlisted or public shootout, as a viewer who gets a filtered stream.
 * The audience travels in a header this Worker always sets itself, so a browser cannot claim to be the owner.
 */
import { AUDIENCE_HEADER, type Audience } from "@gts/realtime/audience";

const ROOM_SOCKET_PATH = /^\/realtime\/renders\/([0-9A-Za-z_-]{1,64})\/ws$/;

/** The room socket for this caller, or the refusal: 401 to sign in, else 404 as for a render that does not exist. */
export async function followRender(
  request: Request,
  api: Pick<Fetcher, "fetch">,
  realtime: Pick<Fetcher, "fetch">,
): Promise<Response> {
  const audience = await roomAudience(request, api);
  if (audience instanceof Response) return audience;
  const forwarded = new Request(request);
  forwarded.headers.set(AUDIENCE_HEADER, audience);
  return realtime.fetch(forwarded);
}

/** What this caller may see of the render, or the refusal to send instead of the upgrade. */
export async function roomAudience(request: Request, api: Pick<Fetcher, "fetch">): Promise<Audience | Response> {
  const url = new URL(request.url);
  const renderId = ROOM_SOCKET_PATH.exec(url.pathname)?.[1];
  if (!renderId) return new Response("Not found", { status: 404 });
  const check = new URL("/trpc/render.watchable", url.origin);
  check.searchParams.set("input", JSON.stringify({ id: renderId }));
  const answer = await api.fetch(check, { headers: { Cookie: request.headers.get("Cookie") ?? "" } });
  if (answer.ok) {
    const body = (await answer.json()) as { result?: { data?: { audience?: unknown } } };
    // Only an explicit "owner" is one: anything else the api could say is treated as the lesser view.
    return body.result?.data?.audience === "owner" ? "owner" : "viewer";
  }
  await answer.body?.cancel();
  // Not signed in, or not the owner of a private render: the same 404 as a render that does not exist.
  return new Response(answer.status === 401 ? "Sign in to follow this render" : "Not found", {
    status: answer.status === 401 ? 401 : 404,
  });
}
