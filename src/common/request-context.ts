/** Who made the request, known once the bearer token is verified. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly orgId: string;
  readonly orgRole: string;
}

/** What every use case receives about the request: the actor, and what the audit entry records. */
export interface RequestContext {
  readonly actor: Actor;
  readonly reqId: string;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
}

/** An identity provider calling the SCIM routes with a SCIM token of an organization. */
export interface ScimClient {
  readonly scimTokenId: string;
  readonly orgId: string;
}

/** What the SCIM use cases receive about the request: the SCIM client, and what the audit entries record. */
export interface ScimRequestContext {
  readonly client: ScimClient;
  readonly reqId: string;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
}
