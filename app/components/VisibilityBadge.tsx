const LABELS = { private: "Private", unlisted: "Unlisted", public: "Public" } as const;

/** Who can open a shootout: only its owner, anyone with the link, or everyone. */
export function VisibilityBadge({ visibility }: { visibility: keyof typeof LABELS }) {
  return <span className={`badge badge-${visibility}`}>{LABELS[visibility]}</span>;
}
