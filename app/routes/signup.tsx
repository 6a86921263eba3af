import { Form, Link, redirect, useNavigation } from "react-router";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { Tone3000SignIn } from "../components/Tone3000SignIn";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/signup";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Sign up · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const [me, tone3000] = await Promise.all([
    api.auth.me.query(),
    // Signing up with a password must work even when TONE3000's status cannot be read.
    api.tone3000.status.query().catch((error: unknown) => {
      console.error("tone3000.status failed; leaving out Sign in with TONE3000", error);
      return null;
    }),
  ]);
  if (me) throw redirect("/library");
  return { tone3000, tone3000Error: new URL(request.url).searchParams.get("tone3000_error") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = { email: String(form.get("email") ?? ""), displayName: String(form.get("displayName") ?? "") };
  try {
    await context.get(apiContext).auth.signUp.mutate({ ...values, password: String(form.get("password") ?? "") });
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return { values, ...apiMessages(error) };
  }
  throw redirect("/library");
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  const field = (name: string) => ({
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  return (
    <main className="page page-narrow">
      <h1>Create an account</h1>
      <p className="muted">Upload your DIs, captures and IRs, and share fair, loudness-matched comparisons.</p>
      <Form method="post" className="stack-form" noValidate>
        <FormMessage message={errors.form ?? loaderData.tone3000Error} />
        <label>
          Display name
          <input
            {...field("displayName")}
            autoComplete="nickname"
            required
            defaultValue={actionData?.values.displayName}
          />
        </label>
        <FieldError id="displayName-error" message={errors.displayName} />
        <label>
          Email
          <input
            {...field("email")}
            type="email"
            autoComplete="email"
            required
            defaultValue={actionData?.values.email}
          />
        </label>
        <FieldError id="email-error" message={errors.email} />
        <label>
          Password <span className="hint">(10 characters or more)</span>
          <input {...field("password")} type="password" autoComplete="new-password" required minLength={10} />
        </label>
        <FieldError id="password-error" message={errors.password} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating account…" : "Sign up"}
        </button>
      </Form>
      <Tone3000SignIn status={loaderData.tone3000} returnTo="/library" />
      <p className="muted">
        Have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </main>
  );
}
