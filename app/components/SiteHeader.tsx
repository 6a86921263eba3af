import { Form, NavLink } from "react-router";

export interface SiteHeaderProps {
  user: { displayName: string; email: string | null } | null;
}

/** The site's header: brand, the creator's pages when signed in, and sign-in state. */
export function SiteHeader({ user }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <nav className="site-nav" aria-label="Main">
        <NavLink to="/" className="brand" end>
          Guitar Tone Shootout
        </NavLink>
        {user && (
          <ul className="nav-links">
            <li>
              <NavLink to="/library">Library</NavLink>
            </li>
            <li>
              <NavLink to="/shootouts">Shootouts</NavLink>
            </li>
            <li>
              <NavLink to="/nodes">Render nodes</NavLink>
            </li>
          </ul>
        )}
        <div className="nav-account">
          {user ? (
            <>
              <span className="nav-user" data-testid="signed-in-as" title={user.email ?? undefined}>
                {user.displayName}
              </span>
              <Form method="post" action="/signout">
                <button type="submit" className="button button-quiet">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/signin">Sign in</NavLink>
              <NavLink to="/signup" className="button">
                Sign up
              </NavLink>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
