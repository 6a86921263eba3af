import { Link, useRouteLoaderData } from "react-router";
import { PublicShootoutCard } from "../components/PublicShootoutCard";
import { api } from "../lib/api.server";
import type { loader as rootLoader } from "../root";
import type { Route } from "./+types/home";

export function meta(_: Route.MetaArgs) {
  return [
    { title: "Guitar Tone Shootout" },
    { name: "description", content: "Fair, loudness-matched A/B comparisons of amp captures, cabs and effects." },
  ];
}

export async function loader(_: Route.LoaderArgs) {
  const [health, examples] = await Promise.all([api.health.check.query(), api.shootout.listPublic.query({ limit: 6 })]);
  return { health, examples };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { health, examples } = loaderData;
  const { counts } = health.d1;
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  return (
    <main className="page">
      <header className="hero">
        <h1>Guitar Tone Shootout</h1>
        <p className="tagline">
          Run your DI recordings through every amp capture, cab and effect chain, matched in loudness, and share a fair
          A/B comparison: a YouTube-ready video, the stems and a page where listeners switch chains instantly.
        </p>
      </header>
      <ol className="steps">
        <li>Upload DIs, Neural Amp Modeler captures and cabinet IRs, or pick captures from TONE3000.</li>
        <li>Build two or more chains and choose riffs.</li>
        <li>Render: every DI through every chain, loudness-matched per ITU-R BS.1770.</li>
      </ol>
      <p className="cta">
        {user ? (
          <>
            <Link to="/shootouts/new" className="button">
              Start a shootout
            </Link>
            <Link to="/library" className="button button-quiet">
              Open your library
            </Link>
          </>
        ) : (
          <>
            <Link to="/signup" className="button">
              Create an account
            </Link>
            <Link to="/signin" className="button button-quiet">
              Sign in
            </Link>
          </>
        )}
      </p>
      <section className="examples" aria-labelledby="examples-heading">
        <h2 id="examples-heading">Listen to a shootout</h2>
        {examples.length > 0 ? (
          <ul className="example-list">
            {examples.map((shootout) => (
              <PublicShootoutCard key={shootout.id} shootout={shootout} />
            ))}
          </ul>
        ) : (
          <p className="muted" data-testid="no-examples">
            No public shootouts yet. Render one, make it public, and it is featured here for anyone to hear.
          </p>
        )}
      </section>
      <section className="status" aria-label="System status">
        <h2>Library</h2>
        <p data-testid="library-counts">
          {counts.users} {plural(counts.users, "creator")} · {counts.assets} {plural(counts.assets, "asset")} ·{" "}
          {counts.shootouts} {plural(counts.shootouts, "shootout")}
        </p>
        <h2>Services</h2>
        <ul>
          <li data-testid="status-d1">Database: {health.d1.ok ? "ok" : "down"}</li>
          <li data-testid="status-r2">Media storage: {health.r2.ok ? "ok" : "down"}</li>
        </ul>
      </section>
    </main>
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
