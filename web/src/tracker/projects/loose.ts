// Some endpoints take JSON objects the OpenAPI document leaves untyped (`Record<string, never>`);
// this passes a body of a known shape to them in one visible place.
export function loose(body: object): Record<string, never> {
  return body as Record<string, never>;
}
