import { MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, shootoutSpecSchema } from "@gts/api/contract";
import { useMemo } from "react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { ChainEditor } from "../components/ChainEditor";
import { EmptyState } from "../components/EmptyState";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { defaultChains, type EditorChain } from "../lib/chain-editor";
import {
  editorRefusal,
  editorToChainInputs,
  issuesToFieldErrors,
  parseEditorForm,
  placeMessagePaths,
} from "../lib/chain-editor-form";
import { formatSeconds } from "../lib/format";
import { loadForUser } from "../lib/require-user.server";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/shootouts.new";

export function meta(_: Route.MetaArgs) {
  return [{ title: "New shootout · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const { items } = await loadForUser(request, () => api.asset.list.query({ limit: 100 }));
  return {
    dis: items.filter((a) => a.kind === "di"),
    captures: items.filter((a) => a.kind === "capture"),
    irs: items.filter((a) => a.kind === "ir"),
  };
}

/** What the form had besides the chains, so a refused form (even without JavaScript) comes back as it was sent. */
interface SentValues {
  title: string;
  description: string;
  diId: string;
  riffStart: string;
  riffEnd: string;
}

/** Fields shown beside their own control; every other message goes in the summary above the form. */
const PLACED_OUTSIDE_CHAINS = (key: string) => key === "title" || key.startsWith("diTracks");

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const seconds = (name: string) => (text(name) === "" ? Number.NaN : Number(text(name)));
  const values: SentValues = {
    title: text("title"),
    description: text("description"),
    diId: text("diId"),
    riffStart: text("riffStart"),
    riffEnd: text("riffEnd"),
  };
  // The block editor's fields, as the editor state they describe, then as the contract's chains.
  const editor = parseEditorForm(form.entries());
  const { chains, blockIndex } = editorToChainInputs(editor);
  const start = seconds("riffStart");
  const end = seconds("riffEnd");
  const riffs = Number.isNaN(start) && Number.isNaN(end) ? [] : [{ startSeconds: start || 0, endSeconds: end }];
  const spec = {
    title: values.title,
    description: values.description,
    diTracks: [{ assetId: values.diId, riffs }],
    chains,
  };
  const refuse = (fieldErrors: Record<string, string>) => ({
    ...editorRefusal(editor, blockIndex, fieldErrors, PLACED_OUTSIDE_CHAINS),
    values,
  });
  // The contract's own schema first: its messages land beside the block and field they are about.
  const checked = shootoutSpecSchema.safeParse(spec);
  if (!checked.success) return refuse(issuesToFieldErrors(checked.error.issues));
  let created: { id: string };
  try {
    created = await context.get(apiContext).shootout.create.mutate(spec);
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return refuse(placeMessagePaths(apiMessages(error).fieldErrors));
  }
  throw redirect(`/shootouts/${created.id}`);
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export default function NewShootout({ loaderData, actionData }: Route.ComponentProps) {
  const { dis, captures, irs } = loaderData;
  const initialChains = useMemo(() => defaultChains(irs.map((ir) => ir.id)), [irs]);
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const sent = actionData?.values;
  const riffError = Object.entries(errors).find(([key]) => key.startsWith("diTracks"))?.[1];
  const summary = actionData?.summary ?? [];

  if (dis.length === 0 || captures.length + irs.length === 0) {
    return (
      <main className="page">
        <h1>New shootout</h1>
        <EmptyState title="Your library needs a DI and something to compare">
          A shootout plays a DI recording through two or more chains of captures and IRs. Upload them in your{" "}
          <Link to="/library">library</Link> first, or <Link to="/library/tone3000">browse TONE3000</Link> for captures
          and IRs.
        </EmptyState>
      </main>
    );
  }

  return (
    <main className="page">
      <h1>New shootout</h1>
      <Form method="post" className="stack-form builder" noValidate>
        {summary.length > 0 && <FormMessage message={summary.join(" · ")} />}
        <label>
          Title
          <input
            name="title"
            required
            maxLength={MAX_TITLE_CHARS}
            defaultValue={sent?.title}
            placeholder="e.g. Three high-gain amps through a 4x12"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "title-error" : undefined}
          />
        </label>
        <FieldError id="title-error" message={errors.title} />
        <label>
          Description <span className="hint">(optional)</span>
          <textarea name="description" rows={2} maxLength={MAX_DESCRIPTION_CHARS} defaultValue={sent?.description} />
        </label>
        <fieldset>
          <legend>DI and riff</legend>
          <div className="grid-fields">
            <label>
              DI recording
              <select name="diId" defaultValue={sent?.diId || dis[0]?.id}>
                {dis.map((di) => (
                  <option key={di.id} value={di.id}>
                    {di.name}
                    {di.metadata.kind === "audio" ? ` (${formatSeconds(di.metadata.durationSeconds)})` : ""}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Riff start (s)
              <input
                name="riffStart"
                type="number"
                min={0}
                step={0.01}
                defaultValue={sent ? sent.riffStart : 0}
                aria-invalid={riffError ? true : undefined}
                aria-describedby="riff-error"
              />
            </label>
            <label>
              Riff end (s)
              <input
                name="riffEnd"
                type="number"
                min={0}
                step={0.01}
                defaultValue={sent ? sent.riffEnd : 4}
                aria-invalid={riffError ? true : undefined}
                aria-describedby="riff-error"
              />
            </label>
          </div>
          <p className="hint">Leave both empty to use the whole DI.</p>
          <FieldError id="riff-error" message={riffError} />
        </fieldset>
        <p className="hint">
          Need another capture or IR? <Link to="/library/tone3000">Browse TONE3000</Link> (this form is not kept).
        </p>
        <ChainEditor
          initial={initialChains}
          submitted={(actionData?.editor as EditorChain[] | undefined) ?? null}
          captures={captures}
          irs={irs}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating…" : "Create shootout"}
          </button>
        </div>
      </Form>
    </main>
  );
}
