import { redirect } from "react-router";
import { apiContext } from "../lib/api-context.server";
import { apiErrorCode } from "../lib/api-errors";
import type { Route } from "./+types/signout";

export async function loader() {
  throw redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  try {
    await context.get(apiContext).auth.signOut.mutate();
  } catch (error) {
    // Already signed out (an expired session): the outcome the person asked for.
    if (apiErrorCode(error) !== "UNAUTHORIZED") throw error;
  }
  throw redirect("/");
}
