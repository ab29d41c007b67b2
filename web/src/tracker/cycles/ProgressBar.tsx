// Done of total as a bar with its numbers (an accessible meter).
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="pj-progress">
      <div
        className="pj-progress-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} done (${percent}%)`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <span className="pj-small pj-muted">
        {done}/{total}
      </span>
    </div>
  );
}
