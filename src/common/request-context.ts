/** A person, or a machine identity: both act through the same routes with the same rules. */
export type ActorType = 'user' | 'identity';

/** Who made the request, known once the bearer token is verified. */
export interface Actor {
  readonly type: ActorType;
  /** The user's or the identity's id. */
  readonly id: string;
  /** The username, or the identity's name. */
  readonly name: string;
  readonly orgId: string;
  readonly orgRole: string;
}

/** What an audit entry records of the request, whoever made it. */
export interface RequestTrace {
  readonly reqId: string;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
}

/** What every use case receives about the request: the actor, and what the audit entry records. */
export interface RequestContext extends RequestTrace {
  readonly actor: Actor;
}

/** An identity provider calling the SCIM routes with a SCIM token of an organization. */
export interface ScimClient {
  readonly scimTokenId: string;
  readonly orgId: string;
}

/** What the SCIM use cases receive about the request: the SCIM client, and what the audit entries record. */
export interface ScimRequestContext extends RequestTrace {
  readonly client: ScimClient;
}
