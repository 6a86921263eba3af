import { useState } from "react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { ChainFields } from "../components/ChainFields";
import { EmptyState } from "../components/EmptyState";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { formatSeconds } from "../lib/format";
import { loadForUser } from "../lib/require-user.server";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import type { Route } from "./+types/shootouts.new";

const PALETTE = ["#f5a524", "#3b82f6", "#22c55e", "#ef4444", "#a855f7", "#14b8a6", "#eab308", "#ec4899"];
const MIN_CHAINS = 2;
const MAX_CHAINS = 8;

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

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const seconds = (name: string) => (text(name) === "" ? Number.NaN : Number(text(name)));
  const chainCount = Math.min(MAX_CHAINS, Math.max(MIN_CHAINS, Number(text("chainCount")) || MIN_CHAINS));
  const chains = Array.from({ length: chainCount }, (_, i) => {
    const p = `chains.${i}`;
    const gainDb = Number(text(`${p}.gainDb`) || 0);
    const blocks = [
      ...(gainDb !== 0 ? [{ type: "gain" as const, gainDb }] : []),
      ...(text(`${p}.captureId`) ? [{ type: "capture" as const, assetId: text(`${p}.captureId`) }] : []),
      ...(text(`${p}.irId`) ? [{ type: "ir" as const, assetId: text(`${p}.irId`) }] : []),
    ];
    // A chain with nothing in it is a clean reference: one 0 dB gain block keeps it a valid chain.
    return {
      name: text(`${p}.name`),
      colour: text(`${p}.colour`) || "#888888",
      blocks: blocks.length ? blocks : [{ type: "gain" as const, gainDb: 0 }],
    };
  });
  const start = seconds("riffStart");
  const end = seconds("riffEnd");
  const riffs = Number.isNaN(start) && Number.isNaN(end) ? [] : [{ startSeconds: start || 0, endSeconds: end }];
  let created: { id: string };
  try {
    created = await context.get(apiContext).shootout.create.mutate({
      title: text("title"),
      description: text("description"),
      diTracks: [{ assetId: text("diId"), riffs }],
      chains,
    });
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return apiMessages(error);
  }
  throw redirect(`/shootouts/${created.id}`);
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export default function NewShootout({ loaderData, actionData }: Route.ComponentProps) {
  const { dis, captures, irs } = loaderData;
  const [chainCount, setChainCount] = useState(MIN_CHAINS);
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  const riffError = Object.entries(errors).find(([key]) => key.startsWith("diTracks"))?.[1];
  const otherMessages = (actionData?.messages ?? []).filter(
    (m) => !Object.entries(errors).some(([key, value]) => key !== "form" && value === m),
  );

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
        {otherMessages.length > 0 && <FormMessage message={otherMessages.join(" · ")} />}
        <input type="hidden" name="chainCount" value={chainCount} />
        <label>
          Title
          <input
            name="title"
            required
            maxLength={120}
            placeholder="e.g. Three high-gain amps through a 4x12"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "title-error" : undefined}
          />
        </label>
        <FieldError id="title-error" message={errors.title} />
        <label>
          Description <span className="hint">(optional)</span>
          <textarea name="description" rows={2} maxLength={2000} />
        </label>
        <fieldset>
          <legend>DI and riff</legend>
          <div className="grid-fields">
            <label>
              DI recording
              <select name="diId" defaultValue={dis[0]?.id}>
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
                defaultValue={0}
                aria-describedby="riff-error"
              />
            </label>
            <label>
              Riff end (s)
              <input name="riffEnd" type="number" min={0} step={0.01} defaultValue={4} aria-describedby="riff-error" />
            </label>
          </div>
          <p className="hint">Leave both empty to use the whole DI.</p>
          <FieldError id="riff-error" message={riffError} />
        </fieldset>
        <p className="hint">
          Need another capture or IR? <Link to="/library/tone3000">Browse TONE3000</Link> (this form is not kept).
        </p>
        {Array.from({ length: chainCount }, (_, i) => (
          <ChainFields
            // Chains are only ever removed from the end, so the index is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            index={i}
            captures={captures}
            irs={irs}
            defaultColour={PALETTE[i % PALETTE.length] ?? "#888888"}
            errors={errors}
            onRemove={i === chainCount - 1 && chainCount > MIN_CHAINS ? () => setChainCount(chainCount - 1) : undefined}
          />
        ))}
        <div className="form-actions">
          <button
            type="button"
            className="button button-quiet"
            disabled={chainCount >= MAX_CHAINS}
            onClick={() => setChainCount(chainCount + 1)}
          >
            Add chain
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating…" : "Create shootout"}
          </button>
        </div>
      </Form>
    </main>
  );
}
