import { shootoutSpecSchema } from "@gts/api/contract";
import { useCallback, useMemo, useState } from "react";
import { Form, useNavigation } from "react-router";
import { ArrangementFields } from "../components/ArrangementFields";
import { ChainEditor } from "../components/ChainEditor";
import { ChainList, type DisplayChain } from "../components/ChainList";
import { DiTracksEditor } from "../components/DiTracksEditor";
import { EmptyState } from "../components/EmptyState";
import { FormMessage } from "../components/FormMessage";
import { LoudnessTable } from "../components/LoudnessTable";
import { PoweredByTone3000 } from "../components/PoweredByTone3000";
import { RenderProgressPanel } from "../components/RenderProgressPanel";
import { RenderVideo } from "../components/RenderVideo";
import { ShareControls } from "../components/ShareControls";
import { VideoPreview } from "../components/VideoPreview";
import { VisibilityBadge } from "../components/VisibilityBadge";
import type { Api } from "../lib/api.server";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { arrangementToEditor } from "../lib/arrangement-form";
import { artifactLabel } from "../lib/artifact-label";
import { type BuilderRefusal, parseBuilderForm } from "../lib/builder-form";
import type { EditorChain } from "../lib/chain-editor";
import {
  chainsToEditor,
  editorRefusal,
  editorToChainInputs,
  issuesToFieldErrors,
  parseEditorForm,
  placeMessagePaths,
} from "../lib/chain-editor-form";
import { diChoice } from "../lib/di-tracks";
import { diTracksToEditor, placeDiMessages } from "../lib/di-tracks-form";
import { formatBytes, formatSeconds } from "../lib/format";
import { videoPreview } from "../lib/preview-props";
import { loadForUser } from "../lib/require-user.server";
import { formatTime } from "../lib/riff-editor";
import { tone3000Credit } from "../lib/tone3000-credit.server";
import { isTerminalState, type RenderState } from "../lib/use-render-progress";
import type { Route } from "./+types/shootouts.$id";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.shootout.title ?? "Shootout"} · Guitar Tone Shootout` }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const [shootout, plan, renders, library] = await loadForUser(request, () =>
    Promise.all([
      api.shootout.get.query({ id: params.id }),
      api.shootout.plan.query({ id: params.id }),
      api.render.list.query({ shootoutId: params.id }),
      api.asset.list.query({ limit: 100 }),
    ]),
  );
  const byId = new Map(library.items.map((a) => [a.id, a]));
  const names = new Map(library.items.map((a) => [a.id, a.name]));
  const chains: DisplayChain[] = shootout.chains.map((chain) => ({
    name: chain.name,
    colour: chain.colour,
    blocks: chain.blocks.map((block) => {
      if (block.type !== "capture" && block.type !== "ir") return block;
      const asset = byId.get(block.assetId);
      return {
        ...block,
        asset: {
          name: asset?.name ?? "(removed)",
          tone3000: tone3000Credit(asset?.tone3000),
          licenceWarning: asset?.licenceWarning ?? null,
        },
      };
    }),
  }));
  const diNames = shootout.diTracks.map((track) => names.get(track.assetId) ?? "DI");
  const finished = renders.find((r) => r.status === "succeeded" && r.artifacts) ?? null;
  return {
    shootout,
    chains,
    diNames,
    plan,
    latest: renders[0] ?? null,
    finished: finished && {
      id: finished.id,
      finishedAt: finished.finishedAt,
      loudness: finished.artifacts?.loudness ?? [],
      artifacts: (finished.artifacts?.artifacts ?? []).map((a) => ({
        name: a.name,
        kind: a.kind,
        bytes: a.bytes,
        chainIndex: a.chainIndex,
        downloadPath: `/files/renders/${finished.id}/artifacts/${encodeURIComponent(a.name)}`,
      })),
    },
    shareUrl: `${new URL(request.url).origin}/s/${shootout.id}`,
    // The video preview's props: the render of the shootout as it is now, or the plan (app/lib/preview-props.ts).
    preview: videoPreview({ shootout, plan, assets: library.items, renders, origin: new URL(request.url).origin }),
    // For the DI tracks and chain editors.
    dis: library.items.filter((a) => a.kind === "di").map(diChoice),
    captures: library.items.filter((a) => a.kind === "capture"),
    irs: library.items.filter((a) => a.kind === "ir"),
  };
}

/** Saves the chain editor's chains into the shootout, after the contract's schema has checked the whole spec. */
async function saveChains(form: FormData, id: string, api: Api): Promise<ActionResult> {
  const editor = parseEditorForm(form.entries());
  const { chains, blockIndex } = editorToChainInputs(editor);
  const refuse = (fieldErrors: Record<string, string>) => editorRefusal(editor, blockIndex, fieldErrors);
  const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = await api.shootout.get.query({ id });
  const checked = shootoutSpecSchema.safeParse({ ...spec, chains });
  if (!checked.success) return refuse(issuesToFieldErrors(checked.error.issues));
  try {
    await api.shootout.update.mutate({ id, spec: { ...spec, chains } });
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return refuse(placeMessagePaths(apiMessages(error).fieldErrors));
  }
  return { fieldErrors: {} as Record<string, string> };
}

/** Saves the DI tracks and the arrangement into the shootout, after the contract's schema has checked the whole spec. */
async function saveTracks(form: FormData, id: string, api: Api): Promise<ActionResult> {
  const builder = parseBuilderForm(form.entries());
  const refuse = (fieldErrors: Record<string, string>): ActionResult => {
    const placed = builder.refusal(fieldErrors);
    const shown = (path: string) => path.startsWith("diTracks") || path.startsWith("arrangement");
    const summary = Object.entries(fieldErrors)
      .filter(([path]) => !shown(path))
      .map(([, message]) => message);
    return { fieldErrors, summary, tracks: placed };
  };
  const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = await api.shootout.get.query({ id });
  const next = { ...spec, diTracks: builder.diTracks, arrangement: builder.arrangement };
  const checked = shootoutSpecSchema.safeParse(next);
  if (!checked.success) return refuse(issuesToFieldErrors(checked.error.issues));
  try {
    await api.shootout.update.mutate({ id, spec: next });
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return refuse(placeDiMessages(placeMessagePaths(apiMessages(error).fieldErrors)));
  }
  return { fieldErrors: {} as Record<string, string> };
}

/**
 * Every action answer: messages by path; a refused chain edit also gives the editor back with its messages placed,
 * a refused DI tracks and arrangement edit gives those back.
 */
interface ActionResult {
  fieldErrors: Record<string, string>;
  summary?: string[];
  editor?: EditorChain[];
  tracks?: BuilderRefusal;
}

export async function action({ request, params, context }: Route.ActionArgs): Promise<ActionResult> {
  const api = context.get(apiContext);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "chains") {
      return await saveChains(form, params.id, api);
    }
    if (intent === "tracks") {
      return await saveTracks(form, params.id, api);
    }
    if (intent === "render") {
      await api.render.submit.mutate({ shootoutId: params.id, short9x16: form.get("short9x16") === "on" });
    } else if (intent === "cancel") {
      await api.render.cancel.mutate({ id: String(form.get("renderId") ?? "") });
    } else if (intent === "visibility") {
      const { id, createdAt: _c, updatedAt: _u, ...spec } = await api.shootout.get.query({ id: params.id });
      const visibility = String(form.get("visibility"));
      if (visibility !== "private" && visibility !== "unlisted" && visibility !== "public") {
        return { fieldErrors: { form: `visibility must be private, unlisted or public, not "${visibility}"` } };
      }
      await api.shootout.update.mutate({ id, spec: { ...spec, visibility } });
    } else {
      throw new Error(`shootout action: unknown intent ${String(intent)}`);
    }
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return apiMessages(error);
  }
  return { fieldErrors: {} as Record<string, string> };
}

export default function ShootoutPage({ loaderData, actionData }: Route.ComponentProps) {
  const { shootout, chains, diNames, plan, latest, finished, shareUrl } = loaderData;
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "render";
  // The live state of the latest render, once its panel has heard it; until then, what the loader read.
  const [live, setLive] = useState<{ id: string; state: RenderState } | null>(null);
  const latestId = latest?.id;
  const onState = useCallback((state: RenderState) => latestId && setLive({ id: latestId, state }), [latestId]);
  const active =
    latest &&
    (live?.id === latest.id ? !isTerminalState(live.state) : latest.status === "queued" || latest.status === "running");
  const chainNames = chains.map((c) => c.name);
  const editing = useMemo(() => chainsToEditor(shootout.chains), [shootout.chains]);
  const chainsRefusal = actionData?.editor ? { summary: actionData.summary ?? [], editor: actionData.editor } : null;
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "chains";
  const editingTracks = useMemo(() => diTracksToEditor(shootout.diTracks), [shootout.diTracks]);
  const editingArrangement = useMemo(() => arrangementToEditor(shootout.arrangement), [shootout.arrangement]);
  const tracksRefusal = actionData?.tracks ? { summary: actionData.summary ?? [], ...actionData.tracks } : null;
  const savingTracks = navigation.state === "submitting" && navigation.formData?.get("intent") === "tracks";
  return (
    <main className="page page-wide">
      <div className="page-head">
        <div>
          <h1>{shootout.title}</h1>
          {shootout.description && <p className="muted">{shootout.description}</p>}
        </div>
        <VisibilityBadge visibility={shootout.visibility} />
      </div>

      <div className="columns">
        <div>
          <section className="panel" aria-labelledby="chains-heading">
            <h2 id="chains-heading">Chains</h2>
            <ChainList chains={chains} />
            {chains.some((chain) => chain.blocks.some((block) => block.asset?.tone3000)) && <PoweredByTone3000 />}
            <details className="edit-chains" open={chainsRefusal ? true : undefined}>
              <summary>Edit chains and blocks</summary>
              <Form method="post" className="stack-form builder" noValidate>
                <input type="hidden" name="intent" value="chains" />
                {chainsRefusal && chainsRefusal.summary.length > 0 && (
                  <FormMessage message={chainsRefusal.summary.join(" · ")} />
                )}
                <ChainEditor
                  // A save reloads the shootout: start again from what was stored.
                  key={shootout.updatedAt}
                  initial={editing}
                  submitted={chainsRefusal?.editor ?? null}
                  captures={loaderData.captures}
                  irs={loaderData.irs}
                />
                <p className="hint">Saving changes the shootout; render it again to hear the new chains.</p>
                <div className="form-actions">
                  <button type="submit" className="button" disabled={saving}>
                    {saving ? "Saving…" : "Save chains"}
                  </button>
                </div>
              </Form>
            </details>
          </section>

          <section className="panel" aria-labelledby="plan-heading">
            <h2 id="plan-heading">Plan</h2>
            <p>
              {plan.segments.length} segments ({diNames.length} {diNames.length === 1 ? "DI" : "DIs"} × {chains.length}{" "}
              chains) · program about <strong data-testid="program-length">{formatSeconds(plan.programSeconds)}</strong>{" "}
              ·{" "}
              {shootout.arrangement.mode === "ab"
                ? `A/B, ${shootout.arrangement.rounds} rounds of ${shootout.arrangement.riffSeconds} s riffs`
                : `full takes, ${shootout.arrangement.gapSeconds} s apart`}{" "}
              · matched to {shootout.arrangement.loudnessTargetLufs} LUFS
            </p>
            <ol className="plan-di-tracks" aria-label="DI tracks" data-testid="plan-di-tracks">
              {shootout.diTracks.map((track, d) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one DI may be several tracks; the list only changes on reload.
                <li key={`${d}:${track.assetId}`}>
                  {diNames[d]}{" "}
                  <span className="muted">
                    ({track.channel === "mono" ? "mix of both channels" : `${track.channel} channel`})
                  </span>
                  :{" "}
                  {track.riffs.length === 0
                    ? "the whole DI"
                    : `${track.riffs.length} ${track.riffs.length === 1 ? "riff" : "riffs"} (${track.riffs
                        .map((riff) => `${formatTime(riff.startSeconds)}–${formatTime(riff.endSeconds)} s`)
                        .join(", ")})`}
                </li>
              ))}
            </ol>
            <ul className="plan-segments">
              {plan.segments.map((segment) => (
                <li key={`${segment.diIndex}:${segment.chainIndex}`}>
                  {diNames.length > 1 ? `DI ${segment.diIndex + 1}, ` : ""}
                  {diNames[segment.diIndex]} → {chainNames[segment.chainIndex]}: {formatSeconds(segment.sourceSeconds)}
                </li>
              ))}
            </ul>
            {plan.warnings.length > 0 && (
              <ul className="warnings" aria-label="Warnings">
                {plan.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            <details className="edit-chains" open={tracksRefusal ? true : undefined}>
              <summary>Edit DI tracks, riffs and arrangement</summary>
              <Form method="post" className="stack-form builder" noValidate>
                <input type="hidden" name="intent" value="tracks" />
                {tracksRefusal && tracksRefusal.summary.length > 0 && (
                  <FormMessage message={tracksRefusal.summary.join(" · ")} />
                )}
                <DiTracksEditor
                  key={`tracks-${shootout.updatedAt}`}
                  dis={loaderData.dis}
                  initial={editingTracks}
                  submitted={tracksRefusal?.diTracks ?? null}
                  sectionErrors={tracksRefusal?.diSection}
                />
                <ArrangementFields
                  key={`arrangement-${shootout.updatedAt}`}
                  initial={editingArrangement}
                  submitted={tracksRefusal?.arrangement ?? null}
                />
                <p className="hint">Saving changes the shootout and its plan; render it again to hear the changes.</p>
                <div className="form-actions">
                  <button type="submit" className="button" disabled={savingTracks}>
                    {savingTracks ? "Saving…" : "Save DI tracks and arrangement"}
                  </button>
                </div>
              </Form>
            </details>
          </section>
        </div>

        <div>
          <VideoPreview preview={loaderData.preview} />

          <section className="panel" aria-labelledby="render-heading">
            <h2 id="render-heading">Render</h2>
            <FormMessage message={chainsRefusal || tracksRefusal ? undefined : actionData?.fieldErrors?.form} />
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="render" />
              <label className="checkbox">
                <input type="checkbox" name="short9x16" defaultChecked={latest?.short9x16 ?? false} />
                Also render a 9:16 short
              </label>
              <button type="submit" className="button" disabled={submitting || Boolean(active)}>
                {submitting
                  ? "Submitting…"
                  : active
                    ? "Rendering…"
                    : latest?.status === "failed" || latest?.status === "canceled"
                      ? "Retry render"
                      : latest
                        ? "Render again"
                        : "Render"}
              </button>
            </Form>
            {latest ? (
              <>
                <RenderProgressPanel key={latest.id} render={latest} chainNames={chainNames} onState={onState} />
                {active && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="renderId" value={latest.id} />
                    <button type="submit" className="button button-quiet">
                      Cancel render
                    </button>
                  </Form>
                )}
              </>
            ) : (
              <p className="muted">
                Not rendered yet. Rendering runs every DI through every chain on your render node and matches their
                loudness.
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby="results-heading">
            <h2 id="results-heading">Results</h2>
            {finished ? (
              <>
                <p className="muted">
                  Rendered {finished.finishedAt ? new Date(finished.finishedAt).toLocaleString("en-GB") : ""}
                </p>
                <RenderVideo artifacts={finished.artifacts} title={shootout.title} />
                <LoudnessTable rows={finished.loudness} chains={chains} diNames={diNames} />
                <h3>Downloads</h3>
                <ul className="downloads" data-testid="downloads">
                  {finished.artifacts.map((artifact) => (
                    <li key={artifact.name}>
                      <a href={artifact.downloadPath} download>
                        {artifactLabel(artifact, chainNames)}
                      </a>{" "}
                      <span className="muted">{formatBytes(artifact.bytes)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <EmptyState title="No results yet">
                Render the shootout to get the program, stems and loudness report.
              </EmptyState>
            )}
          </section>

          <ShareControls visibility={shootout.visibility} shareUrl={shareUrl} />
        </div>
      </div>
    </main>
  );
}
