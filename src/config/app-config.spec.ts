import { AppConfig, ConfigError } from './app-config';

/** The ConfigError that reading `env` throws; fails the test when none is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('AppConfig', () => {
  it('is built from named settings, which it holds as they are', () => {
    const settings = { ...AppConfig.fromEnv({}), port: 3000, corsOrigins: ['https://app.example.com'] };
    const config = new AppConfig(settings);
    expect(config).toBeInstanceOf(AppConfig);
    expect({ ...config }).toEqual(settings);
  });

  it('defaults to port 8080 on every interface, the embedded SQLite file and its demo data', () => {
    const config = AppConfig.fromEnv({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database).toEqual({ type: 'sqlite', path: 'data/groups.sqlite', embeddedDefault: true });
    expect(config.seedDemo).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.initialAdminToken).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.rateLimit).toEqual({ readPerMinute: 600, writePerMinute: 200, authFailuresPerMinute: 30 });
  });

  it('treats an empty or blank variable as unset', () => {
    const config = AppConfig.fromEnv({ PORT: '', HOST: '  ', DATABASE_URL: '', LOG_LEVEL: '' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database).toEqual({ type: 'sqlite', path: 'data/groups.sqlite', embeddedDefault: true });
    expect(config.logLevel).toBe('info');
  });

  it('takes PORT and HOST from the environment, PORT=0 included (any free port)', () => {
    expect(AppConfig.fromEnv({ PORT: '3000', HOST: '127.0.0.1' })).toMatchObject({ port: 3000, host: '127.0.0.1' });
    expect(AppConfig.fromEnv({ PORT: '0' }).port).toBe(0);
    expect(AppConfig.fromEnv({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3', '8080x'])('refuses PORT=%s, naming PORT', (port) => {
    expect(configError({ PORT: port }).message).toMatch(/^PORT /);
  });

  describe('DATABASE_URL', () => {
    it.each(['postgres://app:secret@db.internal:5432/groups', 'postgresql://app@localhost/groups'])('accepts %s as PostgreSQL', (url) => {
      expect(AppConfig.fromEnv({ DATABASE_URL: url }).database).toEqual({ type: 'postgres', url, pooler: 'none', poolSize: 10 });
    });

    it('reads DATABASE_POOLER and DATABASE_POOL_SIZE for PostgreSQL', () => {
      const env = { DATABASE_URL: 'postgres://app@pgbouncer.internal:6432/groups', DATABASE_POOLER: 'transaction', DATABASE_POOL_SIZE: '4' };
      expect(AppConfig.fromEnv(env).database).toMatchObject({ type: 'postgres', pooler: 'transaction', poolSize: 4 });
      expect(AppConfig.fromEnv({ ...env, DATABASE_POOLER: 'none', DATABASE_POOL_SIZE: '' }).database).toMatchObject({ pooler: 'none', poolSize: 10 });
    });

    it.each([
      ['DATABASE_POOLER', 'session'],
      ['DATABASE_POOLER', 'pgbouncer'],
      ['DATABASE_POOL_SIZE', '0'],
      ['DATABASE_POOL_SIZE', '1001'],
      ['DATABASE_POOL_SIZE', 'ten'],
    ])('refuses %s=%s, naming it', (name, raw) => {
      expect(configError({ DATABASE_URL: 'postgres://app@db.internal/groups', [name]: raw }).message).toMatch(new RegExp(`^${name} `));
    });

    it.each([
      ['DATABASE_POOLER', 'transaction'],
      ['DATABASE_POOL_SIZE', '4'],
    ])('refuses %s with SQLite, which has no pool', (name, raw) => {
      expect(configError({ [name]: raw }).message).toBe(`${name} applies only to a postgres:// DATABASE_URL`);
      expect(configError({ DATABASE_URL: 'sqlite::memory:', [name]: raw }).message).toMatch(new RegExp(`^${name} `));
    });

    it('accepts sqlite:PATH and sqlite::memory:', () => {
      expect(AppConfig.fromEnv({ DATABASE_URL: 'sqlite:/var/lib/groups/db.sqlite' }).database).toEqual({
        type: 'sqlite',
        path: '/var/lib/groups/db.sqlite',
        embeddedDefault: false,
      });
      expect(AppConfig.fromEnv({ DATABASE_URL: 'sqlite:relative/db.sqlite' }).database).toEqual({
        type: 'sqlite',
        path: 'relative/db.sqlite',
        embeddedDefault: false,
      });
      expect(AppConfig.fromEnv({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ type: 'sqlite', path: ':memory:', embeddedDefault: false });
    });

    it('loads the demo data only on the embedded default, unless SEED_DEMO says otherwise', () => {
      expect(AppConfig.fromEnv({ DATABASE_URL: 'sqlite:data/groups.sqlite' }).seedDemo).toBe(false);
      expect(AppConfig.fromEnv({ DATABASE_URL: 'postgres://localhost/groups' }).seedDemo).toBe(false);
      expect(AppConfig.fromEnv({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
      expect(AppConfig.fromEnv({ DATABASE_URL: 'sqlite::memory:', SEED_DEMO: 'true' }).seedDemo).toBe(true);
      expect(configError({ SEED_DEMO: 'maybe' }).message).toMatch(/^SEED_DEMO /);
    });

    it('refuses another database, naming DATABASE_URL and not echoing the password', () => {
      const message = configError({ DATABASE_URL: 'mysql://root:hunter2-secret@db/groups' }).message;
      expect(message).toMatch(/^DATABASE_URL /);
      expect(message).toContain('mysql');
      expect(message).not.toContain('hunter2-secret');
      expect(configError({ DATABASE_URL: 'mysql://x' }).message).toMatch(/^DATABASE_URL /);
    });

    it.each([
      ['a value with no scheme', 'hunter2-secret'],
      ['a PostgreSQL URL without a database', 'postgres://app:hunter2-secret@db.internal'],
      ['a PostgreSQL URL that does not parse', 'postgres://app:hunter2-secret@db:port/groups'],
      ['sqlite: without a path', 'sqlite:'],
    ])('refuses %s without echoing it', (_case, url) => {
      const message = configError({ DATABASE_URL: url }).message;
      expect(message).toMatch(/^DATABASE_URL /);
      expect(message).not.toContain('hunter2-secret');
    });
  });

  it('reads the rate limits, 0 turning a limit off', () => {
    const config = AppConfig.fromEnv({ RATE_LIMIT_READ_PER_MINUTE: '1000', RATE_LIMIT_WRITE_PER_MINUTE: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5' });
    expect(config.rateLimit).toEqual({ readPerMinute: 1000, writePerMinute: 0, authFailuresPerMinute: 5 });
  });

  it.each(['RATE_LIMIT_READ_PER_MINUTE', 'RATE_LIMIT_WRITE_PER_MINUTE', 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE'])(
    'refuses a negative or non-numeric %s, naming it',
    (name) => {
      expect(configError({ [name]: '-1' }).message).toMatch(new RegExp(`^${name} `));
      expect(configError({ [name]: 'ten' }).message).toMatch(new RegExp(`^${name} `));
    },
  );

  it('accepts the pino levels as LOG_LEVEL and refuses anything else', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) expect(AppConfig.fromEnv({ LOG_LEVEL: level }).logLevel).toBe(level);
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toMatch(/^LOG_LEVEL /);
  });

  describe('INITIAL_ADMIN_TOKEN', () => {
    it('accepts a token of at least 16 characters without whitespace', () => {
      expect(AppConfig.fromEnv({ INITIAL_ADMIN_TOKEN: 'a-long-enough-token' }).initialAdminToken).toBe('a-long-enough-token');
      expect(AppConfig.fromEnv({ INITIAL_ADMIN_TOKEN: '0123456789abcdef' }).initialAdminToken).toBe('0123456789abcdef');
    });

    it.each([
      ['too short', 'short-secret'],
      ['holding whitespace', 'long enough secret value'],
    ])('refuses a token %s, naming the variable and never echoing the token', (_case, token) => {
      const message = configError({ INITIAL_ADMIN_TOKEN: token }).message;
      expect(message).toMatch(/^INITIAL_ADMIN_TOKEN /);
      expect(message).not.toContain(token);
      expect(message).not.toContain('secret');
    });
  });

  it('accepts a redis:// or rediss:// REDIS_URL and refuses another scheme without echoing it', () => {
    expect(AppConfig.fromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(AppConfig.fromEnv({ REDIS_URL: 'rediss://cache.internal:6380' }).redisUrl).toBe('rediss://cache.internal:6380');
    const message = configError({ REDIS_URL: 'http://user:hunter2-secret@cache' }).message;
    expect(message).toMatch(/^REDIS_URL /);
    expect(message).not.toContain('hunter2-secret');
  });
});
