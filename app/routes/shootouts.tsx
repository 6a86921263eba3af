import { Link } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { VisibilityBadge } from "../components/VisibilityBadge";
import { apiContext } from "../lib/api-context.server";
import { loadForUser } from "../lib/require-user.server";
import type { Route } from "./+types/shootouts";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Shootouts · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const { items } = await loadForUser(request, () => api.shootout.list.query({ limit: 100 }));
  return { shootouts: items };
}

export default function Shootouts({ loaderData }: Route.ComponentProps) {
  const { shootouts } = loaderData;
  return (
    <main className="page">
      <div className="page-head">
        <h1>Shootouts</h1>
        <Link to="/shootouts/new" className="button">
          New shootout
        </Link>
      </div>
      {shootouts.length ? (
        <ul className="card-list">
          {shootouts.map((shootout) => (
            <li key={shootout.id} className="card" data-testid="shootout-card">
              <Link to={`/shootouts/${shootout.id}`} className="card-title">
                {shootout.title}
              </Link>
              <div className="card-meta">
                <VisibilityBadge visibility={shootout.visibility} />
                <span className="muted">Updated {new Date(shootout.updatedAt).toLocaleString("en-GB")}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No shootouts yet">
          Upload a DI and a few captures or IRs in your <Link to="/library">library</Link>, then{" "}
          <Link to="/shootouts/new">create a shootout</Link> to compare them.
        </EmptyState>
      )}
    </main>
  );
}
