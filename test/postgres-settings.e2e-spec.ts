import { createTestApp, DATABASE_KINDS, type TestApp } from './helpers/test-app';

const SETTINGS = "SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit";

// PostgreSQL's own settings: nothing to check on SQLite.
const describeOnPostgres = DATABASE_KINDS.includes('postgres') ? describe : describe.skip;

describeOnPostgres('the connection settings on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(() => t?.close());

  it('holds the statement timeout and JIT off for statements alone and in transactions', async () => {
    const expected = [{ timeout: '5s', jit: 'off' }];
    expect(await t.database.query(SETTINGS)).toEqual(expected);
    expect(await t.database.queryUnprepared(SETTINGS)).toEqual(expected);
    expect(await t.database.transaction((tx) => tx.query(SETTINGS))).toEqual(expected);
  });
});
