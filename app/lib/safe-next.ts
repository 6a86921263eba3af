/** @module Where to go after signing in: only a path on this site, so a link cannot send people elsewhere. */
export function safeNext(value: FormDataEntryValue | string | null | undefined, fallback = "/library"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : fallback;
}

/** The sign-in page's address that comes back to `request`'s page afterwards. */
export function signInPath(request: Request): string {
  const { pathname, search } = new URL(request.url);
  return `/signin?next=${encodeURIComponent(pathname + search)}`;
}
