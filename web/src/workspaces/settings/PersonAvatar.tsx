// Initials on a coloured disc, dark enough for white initials to meet WCAG AA on every hue
// (ui/common's Avatar uses 40% lightness, which yellow and green hues fail), or the image.
import { Avatar } from "../../ui/common";

export function avatarColor(name: string): string {
  let hue = 0;
  for (const char of name) hue = (hue * 31 + char.charCodeAt(0)) % 360;
  return `hsl(${hue} 45% 30%)`;
}

export function PersonAvatar({ name, url, size = 24 }: { name: string; url?: string | null; size?: number }) {
  if (url) return <Avatar name={name} url={url} size={size} />;
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.42, background: avatarColor(name) }}
    >
      {initials || "?"}
    </span>
  );
}
