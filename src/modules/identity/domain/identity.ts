/** The only authentication method of a machine identity. */
export const UNIVERSAL_AUTH = 'universal-auth';
export type AuthMethod = typeof UNIVERSAL_AUTH;

/** A machine identity of an organization, as stored. */
export interface Identity {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  /** Its org role: built in or the slug of a custom role of the organization. */
  readonly role: string;
  readonly hasDeleteProtection: boolean;
  /** `[]`, or `["universal-auth"]` once Universal Auth is attached. */
  readonly authMethods: AuthMethod[];
  readonly lastLoginAuthMethod: AuthMethod | null;
  readonly lastLoginTime: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What an update may change; an absent field stays as it is. */
export type IdentityChanges = Partial<Pick<Identity, 'name' | 'role' | 'hasDeleteProtection'>>;

export const DEFAULT_IDENTITY_ROLE = 'no-access';
