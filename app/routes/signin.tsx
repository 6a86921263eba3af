import { Form, Link, redirect, useNavigation } from "react-router";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { Tone3000SignIn } from "../components/Tone3000SignIn";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { safeNext } from "../lib/safe-next";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/signin";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Sign in · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next"));
  const [me, tone3000] = await Promise.all([
    api.auth.me.query(),
    // Signing in with a password must work even when TONE3000's status cannot be read.
    api.tone3000.status.query().catch((error: unknown) => {
      console.error("tone3000.status failed; leaving out Sign in with TONE3000", error);
      return null;
    }),
  ]);
  if (me) throw redirect(next);
  // A failed "Sign in with TONE3000" comes back here with the reason.
  return { next, tone3000, tone3000Error: url.searchParams.get("tone3000_error") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  try {
    await context.get(apiContext).auth.signIn.mutate({ email, password: String(form.get("password") ?? "") });
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return { email, ...apiMessages(error) };
  }
  throw redirect(safeNext(form.get("next")));
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <main className="page page-narrow">
      <h1>Sign in</h1>
      <Form method="post" className="stack-form" noValidate>
        <input type="hidden" name="next" value={loaderData.next} />
        <FormMessage message={errors.form ?? loaderData.tone3000Error} />
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={actionData?.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
        </label>
        <FieldError id="email-error" message={errors.email} />
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <Tone3000SignIn status={loaderData.tone3000} returnTo={loaderData.next} />
      <p className="muted">
        New here? <Link to="/signup">Create an account</Link>.
      </p>
    </main>
  );
}
