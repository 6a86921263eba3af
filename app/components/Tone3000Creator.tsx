import type { Tone3000Tone } from "../lib/api-types";

/** A tone's creator as TONE3000's terms want it shown: avatar (or its initial) and username, linked to their page. */
export function Tone3000Creator({ creator }: { creator: Tone3000Tone["creator"] }) {
  if (!creator) return <span className="creator muted">Creator not stated</span>;
  const name = creator.url ? (
    <a href={creator.url} rel="noopener noreferrer">
      {creator.name}
    </a>
  ) : (
    creator.name
  );
  return (
    <span className="creator" data-testid="tone3000-creator">
      {creator.avatarUrl ? (
        <img className="avatar" src={creator.avatarUrl} alt="" width={24} height={24} loading="lazy" />
      ) : (
        <span className="avatar avatar-placeholder" aria-hidden="true">
          {creator.username.slice(0, 1).toUpperCase()}
        </span>
      )}
      <span>
        <span className="visually-hidden">by </span>
        {name}
        {creator.name !== creator.username && <span className="muted"> @{creator.username}</span>}
      </span>
    </span>
  );
}
