/**
 * @module The cross-site request forgery rule for state-changing requests. A browser always sends `Origin` with a
 * POST or PUT: a foreign Origin means another site sent it, and a session cookie without any Origin did not come
 * from our pages. Clients that authenticate otherwise (render-node tokens) carry no cookie and send no Origin.
 */
import { readSessionCookie } from "./session-cookie.ts";

/** Why the request must be refused, or null when it may proceed. */
export function crossSiteRefusal(request: Request): string | null {
  const origin = request.headers.get("Origin");
  const ownOrigin = new URL(request.url).origin;
  const hasSessionCookie = readSessionCookie(request.headers.get("Cookie")) !== null;
  if ((origin !== null && origin !== ownOrigin) || (origin === null && hasSessionCookie)) {
    return `cross-site request refused: Origin ${origin ?? "(none)"} is not ${ownOrigin}`;
  }
  return null;
}
