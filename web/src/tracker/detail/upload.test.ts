import { describe, expect, it } from "vitest";
import { fileType, percent, readTicket, uploadForm } from "./upload";

describe("upload", () => {
  it("sends the signed fields before the file", () => {
    const form = uploadForm({ key: "w/abc-a.txt", "x-glider-signature": "sig" }, new Blob(["hi"]), "a.txt");
    expect([...form.keys()]).toEqual(["key", "x-glider-signature", "file"]);
    expect((form.get("file") as File).name).toBe("a.txt");
  });
  it("declares a type from the extension when the browser has none", () => {
    expect(fileType({ name: "notes.MD", type: "" })).toBe("text/markdown");
    expect(fileType({ name: "photo.png", type: "image/PNG" })).toBe("image/png");
    expect(fileType({ name: "blob", type: "" })).toBe("application/octet-stream");
  });
  it("keeps progress under 100 until the server answers", () => {
    expect(percent(50, 200)).toBe(25);
    expect(percent(200, 200)).toBe(99);
    expect(percent(1, 0)).toBe(0);
  });
  it("reads the ticket, and refuses an answer without an upload URL", () => {
    expect(readTicket({ asset_id: "a1", upload_data: { url: "/api/v1/uploads/a1/", fields: { expires: 12 } } })).toEqual({
      assetId: "a1",
      url: "/api/v1/uploads/a1/",
      fields: { expires: "12" },
    });
    expect(() => readTicket({ asset_id: "a1" })).toThrow();
  });
});
