import { Link } from "react-router";
import { AssetRow } from "../components/AssetRow";
import { EmptyState } from "../components/EmptyState";
import { UploadDropzone } from "../components/UploadDropzone";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { loadForUser } from "../lib/require-user.server";
import { tone3000Credit } from "../lib/tone3000-credit.server";
import type { AssetKind } from "../lib/upload-asset";
import type { Route } from "./+types/library";

const SECTIONS: { kind: AssetKind; title: string; drop: string; hint: string; empty: string }[] = [
  {
    kind: "di",
    title: "DI recordings",
    drop: "Drop DI recordings here",
    hint: "WAV, FLAC or AIFF, up to 200 MB and 20 min",
    empty: "Upload a dry DI recording of your guitar: every chain will play it.",
  },
  {
    kind: "capture",
    title: "Amp captures",
    drop: "Drop NAM captures here",
    hint: ".nam files, up to 20 MB",
    empty:
      "Upload Neural Amp Modeler captures (.nam) of the amps and pedals you want to compare, or add some from TONE3000.",
  },
  {
    kind: "ir",
    title: "Cab IRs",
    drop: "Drop cabinet IRs here",
    hint: "WAV, FLAC or AIFF, up to 20 MB and 10 s",
    empty: "Upload cabinet impulse responses to put after your captures, or add some from TONE3000.",
  },
];

export function meta(_: Route.MetaArgs) {
  return [{ title: "Library · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const { items } = await loadForUser(request, () => api.asset.list.query({ limit: 100 }));
  return { assets: items.map((asset) => ({ ...asset, tone3000Credit: tone3000Credit(asset.tone3000) })) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const api = context.get(apiContext);
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  try {
    if (form.get("intent") === "rename") await api.asset.rename.mutate({ id, name: String(form.get("name") ?? "") });
    else if (form.get("intent") === "delete") await api.asset.delete.mutate({ id });
    else throw new Error(`library action: unknown intent ${String(form.get("intent"))}`);
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return { ok: false, ...apiMessages(error) };
  }
  return { ok: true, fieldErrors: {} };
}

export default function Library({ loaderData }: Route.ComponentProps) {
  const { assets } = loaderData;
  return (
    <main className="page page-wide">
      <div className="page-head">
        <h1>Library</h1>
        <div className="page-head-actions">
          <p className="muted" data-testid="library-total">
            {assets.length} {assets.length === 1 ? "asset" : "assets"}
          </p>
          <Link to="/library/tone3000" className="button button-quiet" data-testid="browse-tone3000">
            Browse TONE3000
          </Link>
        </div>
      </div>
      {SECTIONS.map((section) => {
        const ofKind = assets.filter((a) => a.kind === section.kind);
        return (
          <section key={section.kind} className="library-section" aria-labelledby={`section-${section.kind}`}>
            <h2 id={`section-${section.kind}`}>
              {section.title} <span className="count">{ofKind.length}</span>
            </h2>
            <UploadDropzone kind={section.kind} label={section.drop} hint={section.hint} />
            {ofKind.length ? (
              <ul className="asset-list">
                {ofKind.map((asset) => (
                  <AssetRow key={asset.id} asset={asset} />
                ))}
              </ul>
            ) : (
              <EmptyState title={`No ${lowerFirstWord(section.title)} yet`}>{section.empty}</EmptyState>
            )}
          </section>
        );
      })}
    </main>
  );
}

/** "Amp captures" → "amp captures", but "DI recordings" keeps its acronym. */
function lowerFirstWord(title: string): string {
  return title.replace(/^[A-Z][a-z]/, (start) => start.toLowerCase());
}
