/** @module One public shootout on the landing page: title, creator and its chains, linking to the listening page. */
import { Link } from "react-router";

export interface PublicShootout {
  id: string;
  title: string;
  creator: string;
  chains: { name: string; colour: string }[];
}

export function PublicShootoutCard({ shootout }: { shootout: PublicShootout }) {
  return (
    <li className="example-card" data-testid="example-shootout">
      <Link to={`/s/${shootout.id}`} className="example-title">
        {shootout.title}
      </Link>
      <p className="muted">by {shootout.creator}</p>
      <ul className="example-chains" aria-label={`Chains of ${shootout.title}`}>
        {shootout.chains.map((chain) => (
          <li key={`${chain.name}-${chain.colour}`}>
            <span className="chain-swatch" style={{ background: chain.colour }} aria-hidden="true" />
            {chain.name}
          </li>
        ))}
      </ul>
    </li>
  );
}
