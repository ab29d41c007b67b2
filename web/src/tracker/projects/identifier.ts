// Project identifiers (the `WEB` of `WEB-42`), under the server's rules
// (crates/glider-domain/src/values.rs: at most 12 characters, letters, digits, `_` and spaces,
// stored upper-case).

export const IDENTIFIER_MAX = 12;

/** Characters the server refuses in project names. */
const NAME_FORBIDDEN = /[&+,:;$^}{*=?@#|'<>.()%!-]/;

/** An identifier suggested for a project name: initials of several words, else the word. */
export function deriveIdentifier(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}\s_]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return "";
  const raw =
    words.length === 1 ? (words[0] ?? "").slice(0, 5) : words.map((word) => word[0] ?? "").join("").slice(0, IDENTIFIER_MAX);
  return raw.toUpperCase();
}

/** What is wrong with an identifier as typed, or undefined when the server will take it. */
export function identifierProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return "Give the project an identifier.";
  if ([...value].length > IDENTIFIER_MAX) return `At most ${IDENTIFIER_MAX} characters.`;
  if (!/^[\p{L}\p{N}_ ]+$/u.test(trimmed)) return "Use only letters, digits and underscores.";
  return undefined;
}

/** What is wrong with a project name, or undefined. */
export function nameProblem(value: string): string | undefined {
  if (!value.trim()) return "Give the project a name.";
  if (value.length > 255) return "At most 255 characters.";
  if (NAME_FORBIDDEN.test(value)) return "A project name cannot contain & + , : ; $ ^ { } * = ? @ # | ' < > . ( ) % ! or -.";
  return undefined;
}
