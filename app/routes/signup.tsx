import { Form, Link, redirect, useNavigation } from "react-router";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/signup";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Sign up · Guitar Tone Shootout" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  if (await context.get(apiContext).auth.me.query()) throw redirect("/library");
  return null;
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

export default function SignUp({ actionData }: Route.ComponentProps) {
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
        <FormMessage message={errors.form} />
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
      <p className="muted">
        Have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </main>
  );
}
