import { useMemo } from "react";
import { data } from "react-router";
import { AbPlayer } from "../components/AbPlayer";
import { ChainList } from "../components/ChainList";
import { EmptyState } from "../components/EmptyState";
import { PoweredByTone3000 } from "../components/PoweredByTone3000";
import { RenderVideo } from "../components/RenderVideo";
import { SharedRenderProgress } from "../components/SharedRenderProgress";
import { api } from "../lib/api.server";
import { apiErrorCode } from "../lib/api-errors";
import { formatClock } from "../lib/format";
import { playerStemUrls } from "../lib/stem-sources";
import { tone3000Credit } from "../lib/tone3000-credit.server";
import type { Route } from "./+types/s.$id";

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Shootout not found · Guitar Tone Shootout" }];
  const { shootout } = loaderData;
  const description = `${shootout.chains.map((c) => c.name).join(" vs ")}: a loudness-matched A/B comparison by ${shootout.creator}.`;
  return [
    { title: `${shootout.title} · Guitar Tone Shootout` },
    { name: "description", content: description },
    { property: "og:title", content: shootout.title },
    { property: "og:description", content: description },
    ...(shootout.visibility === "unlisted" ? [{ name: "robots", content: "noindex" }] : []),
  ];
}

/** The same for every visitor (no cookie is read), so shared caches may keep it briefly. */
const SHARED_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=3600";
/**
 * While a render is on its way the page is not kept: a cached copy would show it in progress after it finished (and
 * the reload when it finishes would get that copy back).
 */
const NOT_CACHED = "no-store";

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return { "Cache-Control": loaderHeaders.get("Cache-Control") ?? SHARED_CACHE };
}

export async function loader({ params }: Route.LoaderArgs) {
  try {
    const [shootout, liveRender] = await Promise.all([
      api.shootout.getShared.query({ id: params.id }),
      // The newest render while it is queued or running, followed live below; the page works without it.
      api.render.inProgress.query({ shootoutId: params.id }).catch(() => null),
    ]);
    // TONE3000 models are credited with their licence's label (the contract's helper runs here, on the server).
    const chains = shootout.chains.map((chain) => ({
      ...chain,
      blocks: chain.blocks.map((block) =>
        "asset" in block
          ? { ...block, asset: { ...block.asset, tone3000: tone3000Credit(block.asset.tone3000) } }
          : block,
      ),
    }));
    return data(
      { shootout: { ...shootout, chains }, liveRender },
      { headers: { "Cache-Control": liveRender ? NOT_CACHED : SHARED_CACHE } },
    );
  } catch (error) {
    if (apiErrorCode(error) === "NOT_FOUND") throw data(null, { status: 404, statusText: "Not found" });
    throw error;
  }
}

export default function SharedShootout({ loaderData }: Route.ComponentProps) {
  const { shootout, liveRender } = loaderData;
  const render = shootout.latestRender;
  // The FLAC listening stems where the render has them, else (an older render) the WAV stems.
  const stemUrls = useMemo(
    () => (render ? playerStemUrls(render.artifacts, shootout.chains.length) : []),
    [render, shootout.chains.length],
  );
  const cues = useMemo(() => render?.cues ?? [], [render]);
  const levels = shootout.chains.map((_, i) => render?.loudness.find((l) => l.chainIndex === i && l.diIndex === 0));
  const program = render?.artifacts.find((a) => a.kind === "program-wav");
  const usesTone3000 = shootout.chains.some((chain) =>
    chain.blocks.some((block) => "asset" in block && block.asset.tone3000),
  );

  return (
    <main className="page page-wide">
      <header className="share-head">
        <p className="eyebrow">Tone shootout by {shootout.creator || "a creator"}</p>
        <h1>{shootout.title}</h1>
        {shootout.description && <p className="tagline">{shootout.description}</p>}
        <p className="muted">
          {shootout.diTracks.map((t) => t.name).join(", ")} through {shootout.chains.length} chains, matched to{" "}
          {shootout.arrangement.loudnessTargetLufs} LUFS.
        </p>
      </header>

      {liveRender && (
        <section className="panel" aria-label="Render in progress">
          {render && <p className="muted">A new render is on its way; the one below plays until it is done.</p>}
          <SharedRenderProgress key={liveRender.id} render={liveRender} />
        </section>
      )}

      {render && stemUrls.length === shootout.chains.length ? (
        <AbPlayer
          chains={shootout.chains}
          stemUrls={stemUrls}
          cues={cues}
          loudnessLufs={levels.map((l) => l?.integratedLufs ?? null)}
          gainDb={levels.map((l) => l?.gainDb ?? null)}
        />
      ) : liveRender ? null : (
        <EmptyState title="Not rendered yet">
          The creator has not finished a render of this shootout. Come back later to listen.
        </EmptyState>
      )}

      {render?.artifacts.some((a) => a.kind === "video") && (
        <section className="panel" aria-labelledby="video-heading">
          <h2 id="video-heading">The video</h2>
          <RenderVideo artifacts={render.artifacts} title={shootout.title} />
        </section>
      )}

      <section className="panel" aria-labelledby="chains-heading">
        <h2 id="chains-heading">The chains</h2>
        <ChainList chains={shootout.chains} />
        {usesTone3000 && <PoweredByTone3000 />}
      </section>

      {render && (
        <section className="panel" aria-labelledby="files-heading">
          <h2 id="files-heading">Files</h2>
          <ul className="downloads">
            {program && (
              <li>
                <a href={program.downloadPath} download>
                  The whole program (WAV)
                </a>
              </li>
            )}
            {render.artifacts
              .filter((a) => a.kind === "stem" || a.kind === "listen-stem")
              .map((a) => (
                <li key={a.name}>
                  <a href={a.downloadPath} download>
                    Stem: {shootout.chains[a.chainIndex ?? 0]?.name ?? a.name}{" "}
                    {a.kind === "stem" ? "(WAV, 32-bit float)" : "(FLAC, 24-bit)"}
                  </a>
                </li>
              ))}
          </ul>
          <p className="hint">
            {cues.length} cues over {formatClock(cues.at(-1)?.endSeconds ?? 0)}.
          </p>
        </section>
      )}
    </main>
  );
}
