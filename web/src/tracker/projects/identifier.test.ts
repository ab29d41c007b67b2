import { describe, expect, it } from "vitest";
import { deriveIdentifier, identifierProblem, nameProblem } from "./identifier";

describe("deriveIdentifier", () => {
  it("takes initials of several words, upper-cased", () => {
    expect(deriveIdentifier("Mobile app redesign")).toBe("MAR");
  });
  it("takes the first five letters of one word", () => {
    expect(deriveIdentifier("website")).toBe("WEBSI");
    expect(deriveIdentifier("Web")).toBe("WEB");
  });
  it("drops punctuation and accents and stays within 12 characters", () => {
    expect(deriveIdentifier("Café – ops")).toBe("CO");
    expect(deriveIdentifier("a b c d e f g h i j k l m n")).toHaveLength(12);
    expect(deriveIdentifier("   ")).toBe("");
  });
});

describe("identifierProblem", () => {
  it("accepts letters, digits, underscores", () => {
    expect(identifierProblem("WEB_2")).toBeUndefined();
  });
  it("refuses empty, too long and special characters", () => {
    expect(identifierProblem(" ")).toMatch(/identifier/);
    expect(identifierProblem("ABCDEFGHIJKLM")).toMatch(/12/);
    expect(identifierProblem("A-B")).toMatch(/letters/);
  });
});

describe("nameProblem", () => {
  it("refuses the characters the server refuses", () => {
    expect(nameProblem("Web (new)")).toBeDefined();
    expect(nameProblem("Web app")).toBeUndefined();
    expect(nameProblem("")).toBeDefined();
  });
});
