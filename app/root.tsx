import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { SiteHeader } from "./components/SiteHeader";
import { apiFor } from "./lib/api.server";
import { apiContext } from "./lib/api-context.server";
import "./app.css";
import { skipRevalidationAfterRefusal } from "./lib/skip-revalidation-after-refusal";

/** One api client per request, acting for the browser; the api's `Set-Cookie` answers go back to the browser. */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    const setCookies: string[] = [];
    context.set(apiContext, apiFor(request, setCookies));
    const response = await next();
    for (const cookie of new Set(setCookies)) response.headers.append("Set-Cookie", cookie);
    return response;
  },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  // Share pages are the same for every visitor, so that they can be cached: they never read the cookie.
  if (new URL(request.url).pathname.startsWith("/s/")) return { user: null };
  return { user: await context.get(apiContext).auth.me.query() };
}

export const shouldRevalidate = skipRevalidationAfterRefusal;

export function Layout({ children }: { children: React.ReactNode }) {
  // Absent when the root loader itself failed: the header then shows the signed-out links.
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} />
        <div id="main">{children}</div>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? "Page not found" : "Something went wrong";
  const detail = notFound
    ? "There is nothing here, or it is not shared with you. Check the link, or sign in as its owner."
    : isRouteErrorResponse(error)
      ? error.statusText || "The page could not be shown. Please try again."
      : "The page could not be shown. Please try again.";
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;
  return (
    <main className="page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
      {stack && <pre className="stack">{stack}</pre>}
    </main>
  );
}
