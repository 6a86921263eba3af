import { MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, shootoutSpecSchema } from "@gts/api/contract";
import { useMemo } from "react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { ArrangementFields } from "../components/ArrangementFields";
import { ChainEditor } from "../components/ChainEditor";
import { DiTracksEditor } from "../components/DiTracksEditor";
import { EmptyState } from "../components/EmptyState";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { arrangementToEditor } from "../lib/arrangement-form";
import { parseBuilderForm } from "../lib/builder-form";
import { defaultChains, type EditorChain } from "../lib/chain-editor";
import {
  editorRefusal,
  editorToChainInputs,
  issuesToFieldErrors,
  parseEditorForm,
  placeMessagePaths,
} from "../lib/chain-editor-form";
import { defaultDiTracks, diChoice } from "../lib/di-tracks";
import { placeDiMessages } from "../lib/di-tracks-form";
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

/** What the form had besides the chains, DI tracks and arrangement, so a refused form comes back as it was sent. */
interface SentValues {
  title: string;
  description: string;
}

/** Fields shown beside their own control (or in their own section); every other message goes in the summary. */
const PLACED_OUTSIDE_CHAINS = (key: string) =>
  key === "title" || key.startsWith("diTracks") || key === "arrangement" || key.startsWith("arrangement.");

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const values: SentValues = { title: text("title"), description: text("description") };
  // The editors' fields, as the editor states they describe, then as the contract's input.
  const editor = parseEditorForm(form.entries());
  const { chains, blockIndex } = editorToChainInputs(editor);
  const builder = parseBuilderForm(form.entries());
  const spec = {
    title: values.title,
    description: values.description,
    diTracks: builder.diTracks,
    chains,
    arrangement: builder.arrangement,
  };
  const refuse = (fieldErrors: Record<string, string>) => ({
    ...editorRefusal(editor, blockIndex, fieldErrors, PLACED_OUTSIDE_CHAINS),
    ...builder.refusal(fieldErrors),
    values,
  });
  // The contract's own schema first: its messages land beside the field they are about.
  const checked = shootoutSpecSchema.safeParse(spec);
  if (!checked.success) return refuse(issuesToFieldErrors(checked.error.issues));
  let created: { id: string };
  try {
    created = await context.get(apiContext).shootout.create.mutate(spec);
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return refuse(placeDiMessages(placeMessagePaths(apiMessages(error).fieldErrors)));
  }
  throw redirect(`/shootouts/${created.id}`);
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export default function NewShootout({ loaderData, actionData }: Route.ComponentProps) {
  const { dis, captures, irs } = loaderData;
  const initialChains = useMemo(() => defaultChains(irs.map((ir) => ir.id)), [irs]);
  const diChoices = useMemo(() => dis.map(diChoice), [dis]);
  const initialTracks = useMemo(() => defaultDiTracks(diChoices), [diChoices]);
  const initialArrangement = useMemo(() => arrangementToEditor(), []);
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const sent = actionData?.values;
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
        <section className="builder-section" aria-labelledby="di-tracks-heading">
          <h2 id="di-tracks-heading">DI tracks and riffs</h2>
          <DiTracksEditor
            dis={diChoices}
            initial={initialTracks}
            submitted={actionData?.diTracks ?? null}
            sectionErrors={actionData?.diSection}
          />
        </section>
        <ArrangementFields initial={initialArrangement} submitted={actionData?.arrangement ?? null} />
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
