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
