import { applyDecorators, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
export const AUTHENTICATES = 'authenticates';

/** Marks a route that answers without a bearer token (status, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const OWN_AUTHENTICATION = 'ownAuthentication';

/**
 * Marks a route that a guard of its own authenticates with another kind of credential (the SCIM
 * routes and their SCIM tokens): the bearer guard leaves it alone, and never accepts that credential.
 */
export const OwnAuthentication = () => SetMetadata(OWN_AUTHENTICATION, true);

/**
 * Marks a public route that takes credentials in its body (login, token revocation): while the client's
 * IP is blocked for failed authentications it answers 429 before it reads them, and its refusals count.
 */
export const PublicAuthentication = () => applyDecorators(Public(), SetMetadata(AUTHENTICATES, true));
