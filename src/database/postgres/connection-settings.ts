/** Milliseconds a statement may run before PostgreSQL cancels it: no request hangs on a stuck query. */
export const STATEMENT_TIMEOUT_MS = 5000;

/**
 * The settings of every connection the service works on. JIT is off: PostgreSQL compiles a plan whose
 * estimated cost passes `jit_above_cost`, which took 14 ms for a search that checks a group's 10 000
 * members in a few; the service's statements are short, and none gains from compiling.
 */
const SETTINGS: readonly (readonly [name: string, value: string])[] = [
  ['statement_timeout', String(STATEMENT_TIMEOUT_MS)],
  ['jit', 'off'],
];

/** Directly, the settings are start-up parameters of each connection. */
export const STARTUP_OPTIONS = SETTINGS.map(([name, value]) => `-c ${name}=${value}`).join(' ');

/** The first statement of every transaction behind a transaction-mode pooler, in the same round trip as BEGIN. */
export const BEGIN_WITH_SETTINGS = ['BEGIN', ...SETTINGS.map(([name, value]) => `SET LOCAL ${name} = ${value}`)].join('; ');

/** Sets them until the end of the transaction it runs in: behind a pooler, that is all a setting may last. */
export const SET_SETTINGS = `SELECT ${SETTINGS.map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`;
