type Json = unknown;

/** OpenAPI 3.0's `nullable` is not JSON Schema: says it the JSON Schema way, for a validator. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (nullable === true && typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  return converted;
}

/** Follows a local `$ref` (`#/components/...`) through the document. */
export function resolveRefs(value: Json, document: Json): Json {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, document));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json>((node, key) => (node as Record<string, Json> | undefined)?.[key], document);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return resolveRefs(target, document);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRefs(item, document)]));
}

/**
 * Every difference between an expected and an actual JSON value, one line each, named by path.
 * `required` lists compare as sets; everything else exactly.
 */
export function jsonDifferences(expected: Json, actual: Json, path = '$'): string[] {
  if (Array.isArray(expected) && path.endsWith('.required')) {
    const want = [...(expected as string[])].sort();
    const got = Array.isArray(actual) ? [...(actual as string[])].sort() : actual;
    return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      const want = (expected as Record<string, Json>)[key];
      const got = (actual as Record<string, Json>)[key];
      if (want === undefined) return [`${path}.${key}: unexpected ${JSON.stringify(got)}`];
      if (got === undefined) return [`${path}.${key}: missing, expected ${JSON.stringify(want)}`];
      return jsonDifferences(want, got, `${path}.${key}`);
    });
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
