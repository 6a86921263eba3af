import {
  licenceLabel,
  licenceWarning,
  TONE3000_GEAR_LABELS,
  TONE3000_GEARS,
  TONE3000_PAGE_SIZE_LIMITS,
  TONE3000_SIZES,
} from "@gts/api/contract";
import { data, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { FormMessage } from "../components/FormMessage";
import { PoweredByTone3000 } from "../components/PoweredByTone3000";
import { Tone3000AccountPanel } from "../components/Tone3000AccountPanel";
import type { Tone3000ImportAnswer } from "../components/Tone3000ModelRow";
import { Tone3000ProblemNotice } from "../components/Tone3000ProblemNotice";
import { Tone3000SearchForm } from "../components/Tone3000SearchForm";
import { Tone3000StandInBanner } from "../components/Tone3000StandInBanner";
import { Tone3000ToneCard } from "../components/Tone3000ToneCard";
import { Tone3000ToneDetail } from "../components/Tone3000ToneDetail";
import { apiContext } from "../lib/api-context.server";
import type { Tone3000SearchPage, Tone3000ToneDetail as ToneDetailAnswer } from "../lib/api-types";
import { signInPath } from "../lib/safe-next";
import { skipRevalidationAfterRefusal } from "../lib/skip-revalidation-after-refusal";
import { tone3000StartPath } from "../lib/tone3000-links";
import { isSignedOut, type Tone3000Problem, tone3000Problem } from "../lib/tone3000-problem";
import { readTone3000Search, type Tone3000Search, tone3000BrowsePath } from "../lib/tone3000-search";
import type { Route } from "./+types/library.tone3000";

const PAGE_SIZE = 12;

export function meta(_: Route.MetaArgs) {
  return [{ title: "Browse TONE3000 · Guitar Tone Shootout" }];
}

type Gear = (typeof TONE3000_GEARS)[number];
type Size = (typeof TONE3000_SIZES)[number];
const isGear = (value: string): value is Gear => (TONE3000_GEARS as readonly string[]).includes(value);
const isSize = (value: string): value is Size => (TONE3000_SIZES as readonly string[]).includes(value);

/** Runs a TONE3000 call; a refusal becomes a problem shown in place, our own session ending becomes sign-in. */
async function attempt<T>(
  request: Request,
  call: () => Promise<T>,
): Promise<{ value: T } | { problem: Tone3000Problem }> {
  try {
    return { value: await call() };
  } catch (error) {
    if (isSignedOut(error)) throw redirect(signInPath(request));
    const problem = tone3000Problem(error);
    if (!problem) throw error;
    return { problem };
  }
}

function searchInput(search: Tone3000Search) {
  const nam = search.format === "nam";
  return {
    query: search.query || undefined,
    gears: isGear(search.gear) ? [search.gear] : undefined,
    format: search.format,
    // Always explicit for NAM: without it TONE3000 hides A2-only tones.
    architecture: nam ? search.architecture : undefined,
    sizes: nam && isSize(search.size) ? [search.size] : undefined,
    page: search.page,
    pageSize: Math.min(PAGE_SIZE, TONE3000_PAGE_SIZE_LIMITS.search),
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const url = new URL(request.url);
  const [me, status] = await Promise.all([api.auth.me.query(), api.tone3000.status.query()]);
  if (!me) throw redirect(signInPath(request));

  const search = readTone3000Search(url.searchParams, { gears: TONE3000_GEARS, sizes: TONE3000_SIZES });
  const toneParam = url.searchParams.get("tone");
  const toneId = toneParam && /^\d{1,12}$/.test(toneParam) && Number(toneParam) > 0 ? Number(toneParam) : null;
  const page = {
    status,
    search,
    toneId,
    options: {
      gears: TONE3000_GEARS.map((value) => ({ value, label: TONE3000_GEAR_LABELS[value] ?? value })),
      sizes: [...TONE3000_SIZES],
    },
    messages: {
      error:
        url.searchParams.get("tone3000_error") ??
        (toneParam !== null && toneId === null ? `"${toneParam}" is not a TONE3000 tone id.` : null),
      notice: url.searchParams.get("tone3000_notice"),
    },
    results: null as Tone3000SearchPage | null,
    detail: null as (ToneDetailAnswer & { licenceLabel: string; licenceWarning: string | null }) | null,
    problem: null as Tone3000Problem | null,
  };
  if (!status.available || !status.account || status.account.needsReauth) return page;

  if (toneId !== null) {
    const answer = await attempt(request, () => api.tone3000.tone.query({ toneId }));
    if ("problem" in answer) return { ...page, problem: answer.problem };
    const { tone } = answer.value;
    return {
      ...page,
      detail: {
        ...answer.value,
        licenceLabel: licenceLabel(tone.licence),
        licenceWarning: licenceWarning(tone.licence),
      },
    };
  }
  const answer = await attempt(request, () => api.tone3000.search.query(searchInput(search)));
  return "problem" in answer ? { ...page, problem: answer.problem } : { ...page, results: answer.value };
}

export async function action({ request, context }: Route.ActionArgs) {
  const api = context.get(apiContext);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "import") {
    const toneId = Number(form.get("toneId"));
    const modelId = Number(form.get("modelId"));
    const answer = await attempt(request, () => api.tone3000.importModel.mutate({ toneId, modelId }));
    const result: Tone3000ImportAnswer =
      "problem" in answer
        ? { ok: false, modelId, problem: answer.problem }
        : { ok: true, modelId, assetId: answer.value.asset.id, deduplicated: answer.value.deduplicated };
    return result;
  }
  if (intent === "unlink") {
    const answer = await attempt(request, () => api.tone3000.unlink.mutate());
    return { fieldErrors: "problem" in answer ? { form: answer.problem.message } : {} };
  }
  throw data(null, { status: 400, statusText: `Unknown intent ${String(intent)}` });
}

/**
 * An import answers in its own row (and the next visit reads "In your library" from TONE3000 again): reloading the
 * tone right after would only spend TONE3000's rate limit. A refused disconnect changed nothing either.
 */
export function shouldRevalidate(args: ShouldRevalidateFunctionArgs) {
  if (args.formMethod === "POST" && args.formData?.get("intent") === "import") return false;
  return skipRevalidationAfterRefusal(args);
}

export default function BrowseTone3000({ loaderData, actionData }: Route.ComponentProps) {
  const { status, search, toneId, options, messages, results, detail, problem } = loaderData;
  const here = tone3000BrowsePath(search, toneId !== null ? { tone: toneId } : {});
  const unlinkError = actionData && "fieldErrors" in actionData ? actionData.fieldErrors.form : undefined;
  const account = status.account;
  const pickPath = tone3000StartPath("select", tone3000BrowsePath({ ...search, page: 1 }), {
    format: search.format,
    architecture: search.format === "nam" ? search.architecture : undefined,
    gears: search.gear || (search.format === "ir" ? "cab" : undefined),
  });

  let body: React.ReactNode;
  if (!status.available) {
    body = (
      <EmptyState title="TONE3000 is not available here">
        {status.unavailableReason ?? "This server is not set up to use TONE3000."} You can still upload your own
        captures and IRs in your <Link to="/library">library</Link>.
      </EmptyState>
    );
  } else if (!account) {
    body = (
      <section className="panel tone3000-connect" aria-labelledby="connect-heading" data-testid="tone3000-connect">
        <h2 id="connect-heading">Connect TONE3000</h2>
        <p>
          Guitar Tone Shootout uses TONE3000 to find NAM captures and cab IRs made by its community. You sign in on
          TONE3000; we never see your TONE3000 password. Models you add stay on TONE3000 and are fetched with your
          account whenever a shootout renders.
        </p>
        <a className="button button-tone3000" href={tone3000StartPath("link", here)}>
          Connect TONE3000
        </a>
      </section>
    );
  } else if (account.needsReauth || problem?.kind === "reauth") {
    body = (
      <section className="panel" aria-labelledby="reauth-heading" data-testid="tone3000-reauth">
        <h2 id="reauth-heading">Your TONE3000 session has ended</h2>
        <p>{problem?.message ?? "TONE3000 asks you to sign in again before you can browse."}</p>
        <a className="button button-tone3000" href={tone3000StartPath("link", here)}>
          Sign in with TONE3000 again
        </a>
      </section>
    );
  } else {
    body = (
      <>
        <Tone3000AccountPanel account={account} error={unlinkError} />
        {detail ? (
          <Tone3000ToneDetail
            tone={detail.tone}
            models={detail.models}
            licenceLabel={detail.licenceLabel}
            licenceWarning={detail.licenceWarning}
            backHref={tone3000BrowsePath(search)}
            returnTo={here}
          />
        ) : (
          <>
            {toneId !== null && (
              <p>
                <Link to={tone3000BrowsePath(search)}>← Back to results</Link>
              </p>
            )}
            {toneId === null && (
              <section className="panel" aria-labelledby="search-heading">
                <h2 id="search-heading">Search</h2>
                <Tone3000SearchForm key={here} search={search} gears={options.gears} sizes={options.sizes} />
                <p className="hint pick">
                  Or choose on TONE3000 itself:{" "}
                  <a className="button button-quiet" href={pickPath} data-testid="tone3000-pick">
                    Pick on TONE3000
                  </a>
                </p>
              </section>
            )}
            {problem && <Tone3000ProblemNotice problem={problem} returnTo={here} />}
            {results && <Tone3000Results results={results} search={search} />}
          </>
        )}
      </>
    );
  }

  return (
    <main className="page page-wide">
      {status.localStandIn && <Tone3000StandInBanner />}
      <div className="page-head">
        <div>
          <h1>Browse TONE3000</h1>
          <p className="muted">Find NAM captures and cab IRs on TONE3000 and add them to your library.</p>
        </div>
        <Link to="/library" className="button button-quiet">
          Back to library
        </Link>
      </div>
      <FormMessage message={messages.error} />
      <FormMessage message={messages.notice} tone="info" />
      {body}
      {status.available && <PoweredByTone3000 />}
    </main>
  );
}

function Tone3000Results({ results, search }: { results: Tone3000SearchPage; search: Tone3000Search }) {
  const { items, page, totalPages, total } = results;
  if (items.length === 0) {
    return (
      <EmptyState title={page > 1 ? "No more tones" : "No tones match"}>
        {page > 1 ? (
          <Link to={tone3000BrowsePath({ ...search, page: 1 })}>Back to the first page</Link>
        ) : (
          "Try fewer words, another gear type, format or architecture, or pick on TONE3000."
        )}
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="results-heading" className="tone-results">
      <h2 id="results-heading">
        Tones <span className="count">{total}</span>
      </h2>
      <ul className="tone-grid" data-testid="tone3000-results">
        {items.map((tone) => (
          <Tone3000ToneCard key={tone.id} tone={tone} href={tone3000BrowsePath(search, { tone: tone.id })} />
        ))}
      </ul>
      {totalPages > 1 && (
        <nav className="pager" aria-label="Result pages">
          {page > 1 ? (
            <Link to={tone3000BrowsePath({ ...search, page: page - 1 })} rel="prev" data-testid="tone3000-prev">
              ← Previous
            </Link>
          ) : (
            <span className="muted" aria-disabled="true">
              ← Previous
            </span>
          )}
          <span className="muted">
            Page {page} of {Math.max(1, totalPages)}
          </span>
          {page < totalPages ? (
            <Link to={tone3000BrowsePath({ ...search, page: page + 1 })} rel="next" data-testid="tone3000-next">
              Next →
            </Link>
          ) : (
            <span className="muted" aria-disabled="true">
              Next →
            </span>
          )}
        </nav>
      )}
    </section>
  );
}
