/**
 * @module Who may listen to a render's live progress: the app Worker asks the api, with the browser's own cookie,
 * whether this caller may read the render, before it lets the WebSocket through to the realtime Worker.
 */

const ROOM_SOCKET_PATH = /^\/realtime\/renders\/([0-9A-Za-z_-]{1,64})\/ws$/;

/** A refusal to send instead of the upgrade, or null when the caller may read the render. */
export async function roomAccessRefusal(request: Request, api: Fetcher): Promise<Response | null> {
  const url = new URL(request.url);
  const renderId = ROOM_SOCKET_PATH.exec(url.pathname)?.[1];
  if (!renderId) return new Response("Not found", { status: 404 });
  const check = new URL("/trpc/render.get", url.origin);
  check.searchParams.set("input", JSON.stringify({ id: renderId }));
  const answer = await api.fetch(check, { headers: { Cookie: request.headers.get("Cookie") ?? "" } });
  if (answer.ok) return null;
  // Not signed in, or not the owner: the same 404 as a render that does not exist, so ids reveal nothing.
  return new Response(answer.status === 401 ? "Sign in to follow this render" : "Not found", {
    status: answer.status === 401 ? 401 : 404,
  });
}
