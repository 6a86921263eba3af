import { Form, Link, redirect, useNavigation } from "react-router";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { safeNext } from "../lib/safe-next";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/signin";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Sign in · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (await context.get(apiContext).auth.me.query()) throw redirect(next);
  return { next };
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
        <FormMessage message={errors.form} />
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
      <p className="muted">
        New here? <Link to="/signup">Create an account</Link>.
      </p>
    </main>
  );
}
