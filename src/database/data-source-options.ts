import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { auditLogSchema } from '../modules/audit/infrastructure/audit-log.orm-entity';
import { groupMembershipSchema } from '../modules/groups/infrastructure/group-membership.orm-entity';
import { groupSchema } from '../modules/groups/infrastructure/group.orm-entity';
import { identityGroupMembershipSchema } from '../modules/groups/infrastructure/identity-group-membership.orm-entity';
import { accessTokenSchema } from '../modules/identity/infrastructure/access-token.orm-entity';
import { identityAccessTokenSchema } from '../modules/identity/infrastructure/identity-access-token.orm-entity';
import { identityClientSecretSchema } from '../modules/identity/infrastructure/identity-client-secret.orm-entity';
import { identityUniversalAuthSchema } from '../modules/identity/infrastructure/identity-universal-auth.orm-entity';
import { identitySchema } from '../modules/identity/infrastructure/identity.orm-entity';
import { orgMembershipSchema } from '../modules/identity/infrastructure/org-membership.orm-entity';
import { organizationSchema } from '../modules/identity/infrastructure/organization.orm-entity';
import { roleSchema } from '../modules/identity/infrastructure/role.orm-entity';
import { userSchema } from '../modules/identity/infrastructure/user.orm-entity';
import { scimTokenSchema } from '../modules/scim/infrastructure/scim-token.orm-entity';
import { COLUMN_TYPES } from './column-types';
import { ConstraintNaming } from './constraint-naming';
import type { Dialect } from './database';
import { InitialSchema1764144000000 } from './migrations/1764144000000-InitialSchema';
import { UsersListingOrderIndex1764230400000 } from './migrations/1764230400000-UsersListingOrderIndex';
import { MachineIdentities1765100000000 } from './migrations/1765100000000-MachineIdentities';
import { Scim1765200000000 } from './migrations/1765200000000-Scim';
import { UsersSearchIndexes1765300000000 } from './migrations/1765300000000-UsersSearchIndexes';
import { SqliteTableConstraints1765500000000 } from './migrations/1765500000000-SqliteTableConstraints';
import { postgresDataSourceOptions } from './postgres/postgres-options';

/** Every migration, in order. Listed, not globbed, so that ts-node, jest and the build agree. */
export const MIGRATIONS = [
  InitialSchema1764144000000,
  UsersListingOrderIndex1764230400000,
  MachineIdentities1765100000000,
  Scim1765200000000,
  UsersSearchIndexes1765300000000,
  SqliteTableConstraints1765500000000,
];

/** Every table of the schema, with each database's column types; the migrations build them (never `synchronize`). */
export function ormEntities(dialect: Dialect): EntitySchema[] {
  const types = COLUMN_TYPES[dialect];
  return [
    organizationSchema(types),
    userSchema(types),
    roleSchema(types),
    orgMembershipSchema(types),
    accessTokenSchema(types),
    groupSchema(types),
    groupMembershipSchema(types),
    auditLogSchema(types),
    identitySchema(types),
    identityUniversalAuthSchema(types),
    identityClientSecretSchema(types),
    identityAccessTokenSchema(types),
    identityGroupMembershipSchema(types),
    scimTokenSchema(types),
  ];
}

/**
 * Settings of every SQLite connection: TypeORM's, which migrates, and the one requests run on. WAL lets
 * a reader and the writer work at once; NORMAL syncs at checkpoints, not at each commit. better-sqlite3
 * is built with a page cache of 16 MB per connection, which a file's three connections (TypeORM's, the
 * worker's, the checkpointer's) each fill over time with pages the OS caches anyway: SQLite's own default
 * of 2 MB holds the indexes' upper levels that every statement reads.
 */
export function sqlitePragmas(inMemory: boolean): string[] {
  return [...(inMemory ? [] : ['journal_mode = WAL', 'cache_size = -2000']), 'synchronous = NORMAL', 'busy_timeout = 5000', 'foreign_keys = ON'];
}

/** The one source of DataSource options for the app, the CLI, the migrations and the tests. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.type === 'postgres')
    return { ...postgresDataSourceOptions(database, ormEntities('postgres'), MIGRATIONS), namingStrategy: new ConstraintNaming() };
  const inMemory = database.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(database.path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: database.path,
    entities: ormEntities('sqlite'),
    namingStrategy: new ConstraintNaming(),
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      for (const pragma of sqlitePragmas(inMemory)) db.pragma(pragma);
    },
  };
}
