/** What to do next when a list is empty. */
export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      <div className="muted">{children}</div>
    </div>
  );
}
