import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';
import { SEARCHED_COLUMNS } from '../../../database/migrations/1765300000000-UsersSearchIndexes';

/**
 * A user, who may belong to several organizations. On SQLite the users' search index is an FTS5 table
 * kept by triggers, which TypeORM does not model: the migrations alone create it.
 */
export class UserOrmEntity {
  id!: string;
  username!: string;
  email!: string | null;
  first_name!: string | null;
  last_name!: string | null;
  created_at!: StoredTimestamp;
}

export function userSchema(types: ColumnTypes): EntitySchema<UserOrmEntity> {
  return new EntitySchema<UserOrmEntity>({
    name: 'users',
    tableName: 'users',
    target: UserOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      username: { type: 'varchar', length: 255 },
      email: { type: 'varchar', length: 255, nullable: true },
      first_name: { type: 'varchar', length: 255, nullable: true },
      last_name: { type: 'varchar', length: 255, nullable: true },
      created_at: types.timestamp,
    },
    indices: [
      // Unique on lower(username): TypeORM does not model an index on an expression, so it leaves it alone.
      { name: 'users_username_lower_key', columns: ['username'], unique: true, synchronize: false },
      { name: 'users_listing_order_idx', columns: ['first_name', 'username', 'id'] },
      // PostgreSQL's search index: a trigram GIN index on lower(column), another expression index.
      ...SEARCHED_COLUMNS.map((column) => ({ name: `users_${column}_trgm_idx`, columns: [column], synchronize: false })),
    ],
  });
}
