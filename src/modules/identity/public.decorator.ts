import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Marks a route that answers without a bearer token (status, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const OWN_AUTHENTICATION = 'ownAuthentication';

/**
 * Marks a route that a guard of its own authenticates with another kind of credential (the SCIM
 * routes and their SCIM tokens): the bearer guard leaves it alone, and never accepts that credential.
 */
export const OwnAuthentication = () => SetMetadata(OWN_AUTHENTICATION, true);
