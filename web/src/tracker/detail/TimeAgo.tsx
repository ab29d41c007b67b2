// A moment as people say it ("5 minutes ago"), the exact time on hover and for machines.
import { relativeTime } from "./time";

export function TimeAgo({ at }: { at: string }) {
  const date = new Date(at);
  return (
    <time className="wid-muted wid-time" dateTime={at} title={date.toLocaleString()}>
      {relativeTime(date, new Date())}
    </time>
  );
}
