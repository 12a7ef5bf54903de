/** Universal Auth of one identity: its client id and the settings copied onto each access token at login. */
export interface UniversalAuth {
  readonly id: string;
  readonly identityId: string;
  readonly clientId: string;
  /** Seconds an access token authenticates; 0: no expiry. */
  readonly accessTokenTTL: number;
  /** Informative only: there is no renewal. */
  readonly accessTokenMaxTTL: number;
  /** Requests an access token authenticates; 0: no limit. */
  readonly accessTokenNumUsesLimit: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type UniversalAuthSettings = Pick<UniversalAuth, 'accessTokenTTL' | 'accessTokenMaxTTL' | 'accessTokenNumUsesLimit'>;

export const DEFAULT_UNIVERSAL_AUTH_SETTINGS: UniversalAuthSettings = { accessTokenTTL: 2592000, accessTokenMaxTTL: 2592000, accessTokenNumUsesLimit: 0 };

/** A client secret, without its value: only its hash is stored. */
export interface ClientSecret {
  readonly id: string;
  readonly universalAuthId: string;
  readonly description: string;
  /** Its first 4 characters, to tell secrets apart. */
  readonly prefix: string;
  /** Successful logins. */
  readonly numUses: number;
  /** 0: no limit. */
  readonly numUsesLimit: number;
  /** Seconds from creation during which it logs in; 0: no expiry. */
  readonly ttl: number;
  readonly revoked: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The only trusted IP ranges: every address. IP restrictions are not supported. */
export const OPEN_TRUSTED_IPS = [
  { ipAddress: '0.0.0.0', prefix: 0, type: 'ipv4' },
  { ipAddress: '::', prefix: 0, type: 'ipv6' },
] as const;

/** Whether a trusted IP of a request body is one of the open ranges (`0.0.0.0/0`, `::/0`). */
export function isOpenRange(ipAddress: string): boolean {
  return ['0.0.0.0/0', '::/0'].includes(ipAddress.trim());
}
