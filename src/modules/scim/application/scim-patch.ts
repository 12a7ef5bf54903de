import type { Filter } from 'scim2-parse-filter';
import { invalidPath, invalidSyntax, isForbiddenKey, ScimError } from '../domain/scim-error';
import { parseFilter } from './scim-filter';
import { MAX_PATCH_OPERATIONS } from './scim-schemas';
import { isObject } from './scim-values';

/** A PATCH path (RFC 7644 section 3.5.2): `attribute`, `attribute.sub`, `attribute[filter]`, `attribute[filter].sub`. */
export interface AttributePath {
  /** Lower case, without the resource's schema URN. */
  readonly attribute: string;
  readonly filter?: Filter;
  /** Lower case. */
  readonly sub?: string;
  /** As the client wrote it, for messages. */
  readonly text: string;
}

export interface PatchOperation {
  readonly op: 'add' | 'replace' | 'remove';
  /** Undefined without a path; `elsewhere` for an attribute of another schema (an extension), which is ignored. */
  readonly path: AttributePath | 'elsewhere' | undefined;
  readonly value: unknown;
}

const PATH = /^([A-Za-z][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z][\w$-]*))?$/s;

/** Parses a PATCH path; anything unparsable, or naming a prototype, is a 400 `invalidPath`. */
export function parsePath(text: string, urn: string): AttributePath | 'elsewhere' {
  const prefix = urn.toLowerCase() + ':';
  let rest = text.trim();
  if (rest.toLowerCase().startsWith(prefix)) rest = rest.slice(prefix.length);
  else if (/^urn:/i.test(rest)) return 'elsewhere';
  const match = PATH.exec(rest);
  if (!match) throw invalidPath(`The path ${text.slice(0, 200)} cannot be parsed`);
  const [, attribute, filterText, sub] = match;
  for (const segment of [attribute, sub]) {
    if (segment !== undefined && isForbiddenKey(segment)) throw invalidPath(`${segment} cannot name an attribute`);
  }
  let filter: Filter | undefined;
  if (filterText !== undefined) {
    try {
      filter = parseFilter(filterText);
    } catch (error) {
      throw error instanceof ScimError ? invalidPath(`The filter of the path ${text.slice(0, 200)} cannot be parsed`) : error;
    }
  }
  return { attribute: attribute.toLowerCase(), filter, sub: sub?.toLowerCase(), text };
}

/**
 * The operations of a PATCH body: `Operations`, 1 to 1000 objects, each with an `op` of add, replace
 * or remove in any case. `schemas` is not required (some providers omit it).
 */
export function patchOperations(body: Record<string, unknown>, urn: string): PatchOperation[] {
  const key = Object.keys(body).find((name) => name.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : body[key];
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_PATCH_OPERATIONS) {
    throw invalidSyntax(`A PATCH needs an Operations array of 1 to ${MAX_PATCH_OPERATIONS} operations`);
  }
  return operations.map((operation, index) => {
    if (!isObject(operation)) throw invalidSyntax(`Operations[${index}] must be an object`);
    const fields = new Map(Object.keys(operation).map((name) => [name.toLowerCase(), operation[name]]));
    const op = fields.get('op');
    const kind = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') throw invalidSyntax(`Operations[${index}].op must be add, replace or remove`);
    const path = fields.get('path');
    if (path !== undefined && path !== null && typeof path !== 'string') throw invalidPath(`Operations[${index}].path must be a string`);
    const parsed = typeof path === 'string' && path.trim() !== '' ? parsePath(path, urn) : undefined;
    if (parsed === undefined && kind === 'remove') throw new ScimError(400, `Operations[${index}]: remove needs a path`, 'noTarget');
    if (parsed === undefined && !isObject(fields.get('value'))) throw invalidSyntax(`Operations[${index}]: an ${kind} without a path needs an object value`);
    return { op: kind, path: parsed, value: fields.get('value') };
  });
}

/**
 * The operations of a pathless add or replace: each key of its value as a path of its own
 * (`{"active": false}`, `{"name.givenName": "Ann"}`). A key of the resource's own schema URN holding an
 * object contributes that object's keys. `id`, `meta` and `schemas` are ignored there.
 */
export function expandPathless(operation: PatchOperation, urn: string): PatchOperation[] {
  if (operation.path !== undefined) return [operation];
  const value = operation.value as Record<string, unknown>;
  const expanded: PatchOperation[] = [];
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) throw invalidPath(`${key} cannot name an attribute`);
    if (key.toLowerCase() === urn.toLowerCase() && isObject(value[key])) {
      expanded.push(...expandPathless({ op: operation.op, path: undefined, value: value[key] }, urn));
      continue;
    }
    const path = parsePath(key, urn);
    if (path !== 'elsewhere' && ['id', 'meta', 'schemas'].includes(path.attribute)) continue;
    expanded.push({ op: operation.op, path, value: value[key] });
  }
  return expanded;
}

/** A path of `id`, `meta` or `schemas`: read-only. */
export function assertMutable(path: AttributePath): void {
  if (['id', 'meta', 'schemas'].includes(path.attribute)) throw new ScimError(400, `${path.text.slice(0, 200)} is read-only`, 'mutability');
}
