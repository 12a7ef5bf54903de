import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredJson, StoredTimestamp } from '../../../database/column-types';

/**
 * An audit entry. Its actor is a user, a machine identity (`actor_user_id` and `actor_username` hold
 * the identity's id and name) or a SCIM client (`actor_scim_token_id`), as `actor_type` says; the
 * actor's id is no foreign key, so that the entry outlives the actor.
 */
export class AuditLogOrmEntity {
  id!: string;
  org_id!: string;
  actor_user_id!: string | null;
  actor_username!: string | null;
  event_type!: string;
  metadata!: StoredJson;
  req_id!: string | null;
  ip_address!: string | null;
  user_agent!: string | null;
  created_at!: StoredTimestamp;
  actor_type!: string;
  actor_scim_token_id!: string | null;
}

export function auditLogSchema(types: ColumnTypes): EntitySchema<AuditLogOrmEntity> {
  return new EntitySchema<AuditLogOrmEntity>({
    name: 'audit_logs',
    tableName: 'audit_logs',
    target: AuditLogOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      actor_user_id: { ...types.uuid, nullable: true },
      actor_username: { type: 'varchar', length: 255, nullable: true },
      event_type: { type: 'varchar', length: 64 },
      metadata: types.json,
      req_id: { type: 'varchar', length: 32, nullable: true },
      ip_address: { type: 'varchar', length: 64, nullable: true },
      user_agent: { type: 'varchar', length: 512, nullable: true },
      created_at: types.timestamp,
      actor_type: { type: 'varchar', length: 16, default: 'user' },
      actor_scim_token_id: { ...types.uuid, nullable: true },
    },
    indices: [
      { name: 'audit_logs_org_created_idx', columns: ['org_id', 'created_at'] },
      { name: 'audit_logs_org_event_created_idx', columns: ['org_id', 'event_type', 'created_at'] },
    ],
    foreignKeys: [{ target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
