/**
 * The library input of a scoped route: the JSON body plus path values (the path wins). Typed as the
 * method's input because the library validates it (a ValidationError becomes a 400).
 */
export function scopedInput<T>(request: { params: Record<string, string>; body: Record<string, unknown> }, extra: Record<string, unknown> = {}): T {
  return { ...request.body, ...extra, externalId: request.params.externalId } as T;
}
