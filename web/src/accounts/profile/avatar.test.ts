import { describe, expect, it } from "vitest";
import { AVATAR_MAX_BYTES, avatarProblem } from "./avatar";

describe("avatarProblem", () => {
  it("takes the picture formats the server takes", () => {
    for (const type of ["image/png", "image/jpeg", "image/gif", "image/webp"]) {
      expect(avatarProblem({ type, size: 1000 })).toBeUndefined();
    }
  });

  it("refuses scriptable, empty and oversized files in words", () => {
    expect(avatarProblem({ type: "image/svg+xml", size: 1000 })).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(avatarProblem({ type: "text/plain", size: 1000 })).toMatch(/PNG/);
    expect(avatarProblem({ type: "image/png", size: 0 })).toMatch(/empty/);
    expect(avatarProblem({ type: "image/png", size: AVATAR_MAX_BYTES + 1 })).toMatch(/2 MB/);
    expect(avatarProblem({ type: "image/png", size: AVATAR_MAX_BYTES })).toBeUndefined();
  });
});
