// The burn-down as inline SVG: the ideal line (dashed) and the open work items per day.
import type { Burndown } from "./burndown";

const W = 320;
const H = 180;
const PAD = { left: 30, right: 10, top: 12, bottom: 24 };

function shortDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
}

export function BurndownChart({ chart, title }: { chart: Burndown; title: string }) {
  if (chart.days.length === 0) return <p className="pj-muted">Set the cycle's dates to see its burn-down.</p>;
  const top = Math.max(1, chart.total);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (chart.days.length === 1 ? innerW / 2 : (innerW * index) / (chart.days.length - 1));
  const y = (value: number) => PAD.top + innerH - (innerH * value) / top;
  const ideal = chart.ideal.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const actualPoints = chart.remaining.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
  const actual = actualPoints.map(({ i, v }) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = actualPoints[actualPoints.length - 1];
  const lastDay = last ? chart.days[last.i] : undefined;
  const summary = last && lastDay
    ? `${last.v} of ${chart.total} work items open on ${shortDay(lastDay)}; the ideal line expects ${Math.round(chart.ideal[last.i] ?? 0)}.`
    : `${chart.total} work items; the cycle has not started.`;
  const firstDay = chart.days[0] ?? "";
  const endDay = chart.days[chart.days.length - 1] ?? "";
  return (
    <figure className="pj-form" style={{ margin: 0 }}>
      <svg className="pj-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${summary}`}>
        <line className="pj-axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
        <line className="pj-axis" x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
          {chart.total}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom + 4} textAnchor="end">
          0
        </text>
        <text x={PAD.left} y={H - 6} textAnchor="start">
          {shortDay(firstDay)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end">
          {shortDay(endDay)}
        </text>
        <polyline className="pj-ideal" points={ideal} />
        {actualPoints.length > 1 && <polyline className="pj-actual" points={actual} />}
        {last && <circle className="pj-dot" cx={x(last.i)} cy={y(last.v)} r={3.5} />}
      </svg>
      <figcaption className="pj-legend">
        <span className="pj-legend-ideal">Ideal</span>
        <span>Open work items</span>
      </figcaption>
      <p className="pj-small pj-muted" style={{ margin: 0 }}>
        {summary}
      </p>
    </figure>
  );
}
