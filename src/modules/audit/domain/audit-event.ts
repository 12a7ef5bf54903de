/** Every kind of change the audit log records. */
export const AUDIT_EVENT_TYPES = [
  'create-group',
  'update-group',
  'delete-group',
  'add-user-to-group',
  'remove-user-from-group',
  'create-identity',
  'update-identity',
  'delete-identity',
  'add-identity-universal-auth',
  'update-identity-universal-auth',
  'revoke-identity-universal-auth',
  'create-identity-universal-auth-client-secret',
  'revoke-identity-universal-auth-client-secret',
  'login-identity-universal-auth',
  'revoke-identity-access-token',
  'add-identity-to-group',
  'remove-identity-from-group',
  'create-scim-token',
  'delete-scim-token',
  'scim-create-group',
  'scim-update-group',
  'scim-delete-group',
  'scim-adopt-group',
  'scim-add-user-to-group',
  'scim-remove-user-from-group',
  'scim-create-user',
  'scim-update-user',
  'scim-deactivate-user',
  'scim-reactivate-user',
  'scim-delete-user',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** What a change records in the audit log, built with the change and written in its transaction. */
export interface AuditEvent {
  readonly type: AuditEventType;
  readonly metadata: Record<string, unknown>;
}
