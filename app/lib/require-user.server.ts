/**
 * @module For pages only a signed-in creator can use: a refusal of the api becomes a redirect to sign in (not
 * signed in) or a 404 page (not found, or someone else's: the api answers both alike), anything else is rethrown.
 */
import { data, redirect } from "react-router";
import { apiErrorCode } from "./api-errors";
import { signInPath } from "./safe-next";

/** Runs the page's api calls; a refusal is turned into the page the browser should see instead. */
export async function loadForUser<T>(request: Request, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = apiErrorCode(error);
    if (code === "UNAUTHORIZED") throw redirect(signInPath(request));
    if (code === "NOT_FOUND") throw data(null, { status: 404, statusText: "Not found" });
    throw error;
  }
}
