/** A bad environment variable: stops start-up with one line naming the variable. */
export class ConfigError extends Error {}

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string; readonly embeddedDefault: boolean }
  | { readonly type: 'postgres'; readonly url: string; readonly pooler: PostgresPooler; readonly poolSize: number };

/**
 * What stands between the service and PostgreSQL: nothing, or a pooler whose server connections change
 * hands at every transaction (PgBouncer's `pool_mode = transaction`, RDS Proxy, Supavisor), behind
 * which no session state lasts from one transaction to the next.
 */
export const POSTGRES_POOLERS = ['none', 'transaction'] as const;
export type PostgresPooler = (typeof POSTGRES_POOLERS)[number];

export interface RateLimitConfig {
  readonly readPerMinute: number;
  readonly writePerMinute: number;
  readonly authFailuresPerMinute: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_SQLITE_PATH = 'data/groups.sqlite';

/**
 * Typed configuration, read once from the environment (docs/contract.md, Running). Built from one
 * object of named settings: a new setting is one field here and one line in `fromEnv`.
 */
export class AppConfig {
  declare readonly port: number;
  declare readonly host: string;
  declare readonly database: DatabaseConfig;
  declare readonly initialAdminToken: string | undefined;
  declare readonly seedDemo: boolean;
  declare readonly logLevel: LogLevel;
  declare readonly rateLimit: RateLimitConfig;
  declare readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so that several deployments (or test runs) can share one Redis. */
  declare readonly redisKeyPrefix: string;
  /** Origins that browsers may call the API from; empty: CORS stays closed. */
  declare readonly corsOrigins: readonly string[];
  /** `GET /metrics` without a token; otherwise it needs an admin's token. */
  declare readonly metricsPublic: boolean;

  /** Every setting by name; the fields above are declared only, so that they are these values. */
  constructor(settings: AppSettings) {
    Object.assign(this, settings);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const database = withPostgresPool(parseDatabaseUrl(value(env, 'DATABASE_URL')), env);
    const embeddedDefault = database.type === 'sqlite' && database.embeddedDefault;
    return new AppConfig({
      port: integer(env, 'PORT', 8080, 0, 65535),
      host: value(env, 'HOST') ?? '0.0.0.0',
      database,
      initialAdminToken: token(env, 'INITIAL_ADMIN_TOKEN'),
      seedDemo: boolean(env, 'SEED_DEMO', embeddedDefault),
      logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      rateLimit: {
        readPerMinute: integer(env, 'RATE_LIMIT_READ_PER_MINUTE', 600, 0),
        writePerMinute: integer(env, 'RATE_LIMIT_WRITE_PER_MINUTE', 200, 0),
        authFailuresPerMinute: integer(env, 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 30, 0),
      },
      redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
      redisKeyPrefix: value(env, 'REDIS_KEY_PREFIX') ?? 'groups-api:',
      corsOrigins: origins(env, 'CORS_ORIGINS'),
      metricsPublic: boolean(env, 'METRICS_PUBLIC', false),
    });
  }
}

/** The settings of an AppConfig, each by its name. */
export type AppSettings = { readonly [Name in keyof AppConfig]: AppConfig[Name] };

/** Unset and empty mean the same: the default applies. */
function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function token(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = value(env, name);
  if (raw !== undefined && (raw.length < 16 || /\s/.test(raw))) {
    // The value itself is a secret: it is never echoed.
    throw new ConfigError(`${name} must be at least 16 characters without whitespace`);
  }
  return raw;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  return raw;
}

/** A comma-separated list of exact origins (`scheme://host[:port]`), as browsers send them. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`${name} must be a comma-separated list of origins such as https://app.example.com, got "${origin}"`);
    }
    return origin;
  });
}

/** DATABASE_POOLER and DATABASE_POOL_SIZE, which only a PostgreSQL database has. */
function withPostgresPool(database: DatabaseConfig, env: NodeJS.ProcessEnv): DatabaseConfig {
  if (database.type === 'postgres') {
    return { ...database, pooler: oneOf(env, 'DATABASE_POOLER', POSTGRES_POOLERS, 'none'), poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000) };
  }
  for (const name of ['DATABASE_POOLER', 'DATABASE_POOL_SIZE']) {
    if (value(env, name) !== undefined) throw new ConfigError(`${name} applies only to a postgres:// DATABASE_URL`);
  }
  return database;
}

/** `postgres://…`, `sqlite:PATH`, `sqlite::memory:`, or unset for the embedded file. */
export function parseDatabaseUrl(raw: string | undefined): DatabaseConfig {
  if (raw === undefined) return { type: 'sqlite', path: DEFAULT_SQLITE_PATH, embeddedDefault: true };
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL must name a file after "sqlite:" (or be sqlite::memory:)');
    return { type: 'sqlite', path, embeddedDefault: false };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid postgres:// URL');
    }
    if (!parsed.hostname || parsed.pathname.length < 2) {
      throw new ConfigError('DATABASE_URL must name a host and a database: postgres://user:pass@host:port/db');
    }
    return { type: 'postgres', url: raw, pooler: 'none', poolSize: 10 };
  }
  // Only a scheme is shown: the rest, or a value without one, may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0];
  throw new ConfigError(`DATABASE_URL must start with postgres://, sqlite: or be unset, got ${scheme ? `"${scheme}…"` : 'a value without a scheme'}`);
}
