import { type Filter, parse } from 'scim2-parse-filter';
import type { Dialect } from '../../../database/database';
import { invalidFilter } from '../domain/scim-error';

/** The longest filter accepted, in characters. */
export const MAX_FILTER_LENGTH = 4096;
/** How deeply `and`, `or`, `not` and brackets may nest: far beyond real filters, well within SQL's limits. */
const MAX_FILTER_DEPTH = 64;

/**
 * How an attribute compares. `string`: case-insensitively; `exactString`: exactly; `id`: a UUID column,
 * exactly; `boolean`; `instant`: ISO 8601 instants.
 */
export type AttributeKind = 'string' | 'exactString' | 'id' | 'boolean' | 'instant';

/** A single-valued attribute: its kind and the SQL expression of its value. */
export interface ScalarAttribute {
  readonly kind: AttributeKind;
  readonly sql: string;
}

/**
 * A multi-valued attribute: a condition on one of its values holds when `exists` of it holds. Its
 * sub-attributes by lower-case name; the attribute alone stands for its `value`.
 */
export interface MultiValuedAttribute {
  readonly kind: 'multi';
  exists(condition: string): string;
  readonly sub: ReadonlyMap<string, ScalarAttribute>;
}

/** What a filter may name, by lower-case name without schema URN: a whitelist. */
export interface FilterSchema {
  /** The schema URN of the resource, lower-case, with which attribute names may be prefixed. */
  readonly urn: string;
  readonly attributes: ReadonlyMap<string, ScalarAttribute | MultiValuedAttribute>;
}

/** A compiled filter: a two-valued SQL condition, and its parameters, numbered from the `first` given. */
export interface CompiledFilter {
  readonly sql: string;
  readonly params: unknown[];
  /**
   * True for a single attribute test (`userName eq "…"`, what providers send): its SQL text is one of
   * the few the schema allows, worth keeping prepared. `and`, `or` and `not` make texts without bound.
   */
  readonly fixedShape: boolean;
}

/** The attribute name as the whitelist knows it: without its schema URN, in lower case. */
export function attributeName(path: string, urn: string): string {
  const lower = path.toLowerCase();
  return lower.startsWith(urn + ':') ? lower.slice(urn.length + 1) : lower;
}

/** Parses a filter (RFC 7644 section 3.4.2.2); any failure is a 400 `invalidFilter`. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  try {
    return parse(text);
  } catch (error) {
    throw invalidFilter(`The filter cannot be parsed: ${error instanceof RangeError ? 'nested too deeply' : (error as Error).message}`.slice(0, 300));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A LIKE pattern matching `value` literally: `%`, `_` and the escape character itself escaped. */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (character) => '\\' + character);
}

/**
 * Compiles a parsed filter into a SQL condition on the columns the schema names: values only ever as
 * parameters, attributes only from the whitelist. Every condition is two-valued (never NULL), so that
 * `not` negates exactly.
 */
export class FilterCompiler {
  private readonly params: unknown[] = [];
  private logical = false;
  /** ` COLLATE "C"` on PostgreSQL: strings order by code point, as SQLite's BINARY collation does. */
  private readonly codePointOrder: string;

  constructor(
    private readonly schema: FilterSchema,
    private readonly dialect: Dialect,
    /** The number of the first parameter. */
    private readonly first: number,
  ) {
    this.codePointOrder = dialect === 'postgres' ? ' COLLATE "C"' : '';
  }

  static compile(filter: Filter, schema: FilterSchema, dialect: Dialect, first: number): CompiledFilter {
    const compiler = new FilterCompiler(schema, dialect, first);
    const sql = compiler.condition(filter, schema.attributes, 0);
    return { sql, params: compiler.params, fixedShape: !compiler.logical };
  }

  private param(value: unknown): string {
    this.params.push(value);
    return `$${this.first + this.params.length - 1}`;
  }

  private condition(filter: Filter, scope: ReadonlyMap<string, ScalarAttribute | MultiValuedAttribute>, depth: number): string {
    if (depth > MAX_FILTER_DEPTH) throw invalidFilter('The filter is nested too deeply');
    switch (filter.op) {
      case 'and':
      case 'or':
        this.logical = true;
        return `(${filter.filters.map((part) => this.condition(part, scope, depth + 1)).join(filter.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        this.logical = true;
        return `(NOT ${this.condition(filter.filter, scope, depth + 1)})`;
      case '[]': {
        const attribute = scope.get(attributeName(filter.attrPath, this.schema.urn));
        if (attribute?.kind !== 'multi') throw invalidFilter(`${filter.attrPath} is not a multi-valued attribute that can be filtered`);
        return attribute.exists(this.condition(filter.valFilter, attribute.sub, depth + 1));
      }
      case 'pr': {
        const [attribute, wrap] = this.resolve(filter.attrPath, scope);
        return wrap(this.present(attribute));
      }
      default: {
        const [attribute, wrap] = this.resolve(filter.attrPath, scope);
        return wrap(this.compare(attribute, filter.op, filter.compValue, filter.attrPath));
      }
    }
  }

  /** The scalar an attribute path names, and how a condition on it becomes one on the resource. */
  private resolve(path: string, scope: ReadonlyMap<string, ScalarAttribute | MultiValuedAttribute>): [ScalarAttribute, (condition: string) => string] {
    const name = attributeName(path, this.schema.urn);
    const direct = scope.get(name);
    const same = (condition: string) => condition;
    if (direct?.kind === 'multi') return [direct.sub.get('value')!, (condition) => direct.exists(condition)];
    if (direct) return [direct, same];
    const dot = name.indexOf('.');
    const parent = dot > 0 ? scope.get(name.slice(0, dot)) : undefined;
    const sub = parent?.kind === 'multi' ? parent.sub.get(name.slice(dot + 1)) : undefined;
    if (parent?.kind === 'multi' && sub) return [sub, (condition) => parent.exists(condition)];
    throw invalidFilter(`Unknown attribute ${path.slice(0, 200)} in the filter`);
  }

  private present({ kind, sql }: ScalarAttribute): string {
    return kind === 'string' || kind === 'exactString' ? `(${sql} IS NOT NULL AND ${sql} <> '')` : `(${sql} IS NOT NULL)`;
  }

  private compare(attribute: ScalarAttribute, op: string, value: unknown, path: string): string {
    if (value === null) {
      if (op === 'eq') return `(NOT ${this.present(attribute)})`;
      if (op === 'ne') return this.present(attribute);
      throw invalidFilter(`${op} cannot compare ${path} with null`);
    }
    switch (attribute.kind) {
      case 'string':
        return this.compareText(`lower(${attribute.sql})`, attribute.sql, op, this.string(value, path), (param) => `lower(${param})`);
      case 'exactString':
        return this.compareText(attribute.sql, attribute.sql, op, this.string(value, path), (param) => param);
      case 'id':
        return this.compareId(attribute.sql, op, this.string(value, path));
      case 'boolean':
        return this.compareBoolean(attribute.sql, op, value, path);
      case 'instant':
        return this.compareInstant(attribute.sql, op, value, path);
    }
  }

  private string(value: unknown, path: string): string {
    if (typeof value !== 'string') throw invalidFilter(`${path} compares with strings`);
    return value;
  }

  /** `column` is what is compared (lower-cased for a case-insensitive attribute), `raw` the attribute itself. */
  private compareText(column: string, raw: string, op: string, value: string, fold: (param: string) => string): string {
    const notNull = `${raw} IS NOT NULL AND `;
    switch (op) {
      case 'eq':
        return `(${notNull}${column} = ${fold(this.param(value))})`;
      case 'ne':
        return `(${raw} IS NULL OR ${column} <> ${fold(this.param(value))})`;
      case 'co':
      case 'sw':
      case 'ew':
        return `(${notNull}${this.contains(column, op, value, fold)})`;
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        return `(${notNull}${column}${this.codePointOrder} ${ORDER_OPERATORS[op]} ${fold(this.param(value))})`;
      default:
        throw invalidFilter(`Unknown operator ${op}`);
    }
  }

  /**
   * co, sw, ew. An escaped LIKE on PostgreSQL, where LIKE is exact; SQLite's LIKE ignores ASCII case,
   * so an exact attribute is compared there by position, and a case-insensitive one with LIKE.
   */
  private contains(column: string, op: 'co' | 'sw' | 'ew', value: string, fold: (param: string) => string): string {
    const exactOnSqlite = this.dialect === 'sqlite' && fold('x') === 'x';
    if (!exactOnSqlite) {
      const pattern = (op === 'sw' ? '' : '%') + likeLiteral(value) + (op === 'ew' ? '' : '%');
      return `${column} LIKE ${fold(this.param(pattern))} ESCAPE '\\'`;
    }
    const param = this.param(value);
    if (op === 'co') return `instr(${column}, ${param}) > 0`;
    if (op === 'sw') return `substr(${column}, 1, length(${param})) = ${param}`;
    return `(length(${column}) >= length(${param}) AND substr(${column}, length(${column}) - length(${param}) + 1) = ${param})`;
  }

  private compareId(column: string, op: string, value: string): string {
    // An id is a lower-case UUID: another value equals none, and cannot reach a uuid column as a parameter.
    const isId = UUID.test(value);
    if (op === 'eq') return isId ? `(${column} = ${this.param(value)})` : '(1 = 0)';
    if (op === 'ne') return isId ? `(${column} <> ${this.param(value)})` : '(1 = 1)';
    return this.compareText(`CAST(${column} AS text)`, column, op, value, (param) => param);
  }

  private compareBoolean(column: string, op: string, value: unknown, path: string): string {
    const flag = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    if (typeof flag !== 'boolean') throw invalidFilter(`${path} compares with true or false`);
    if (op === 'eq') return `(${column} = ${this.param(flag)})`;
    if (op === 'ne') return `(${column} <> ${this.param(flag)})`;
    throw invalidFilter(`${op} cannot compare the boolean ${path}`);
  }

  private compareInstant(column: string, op: string, value: unknown, path: string): string {
    const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(time)) throw invalidFilter(`${path} compares with ISO 8601 instants`);
    const instant = new Date(time).toISOString();
    const operator = op === 'eq' ? '=' : op === 'ne' ? '<>' : ORDER_OPERATORS[op as keyof typeof ORDER_OPERATORS];
    if (!operator) throw invalidFilter(`${op} cannot compare the instant ${path}`);
    return `(${column} IS NOT NULL AND ${column} ${operator} ${this.param(instant)})`;
  }
}

const ORDER_OPERATORS = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
