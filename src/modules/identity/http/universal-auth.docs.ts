import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample, type ErrorExample, type ErrorStatus } from '../../../common/docs/api-docs';
import { CREDENTIAL_BOUNDARIES, type CredentialOperation } from '../domain/universal-auth-errors';
import { IDENTITY_EXAMPLE, IDENTITY_ID_PARAM } from './identity.schema';
import { CLIENT_SECRET_EXAMPLE, CLIENT_SECRET_SCHEMA, UNIVERSAL_AUTH_EXAMPLE, UNIVERSAL_AUTH_SCHEMA } from './universal-auth.schema';

// The OpenAPI metadata of the routes of UniversalAuthController, a decorator bundle each, so that the controller reads as routes.

const { id: identityId } = IDENTITY_EXAMPLE;
const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on identity`, { missingPermissions: [{ action, subject: 'identity' }] });
const boundary = (operation: CredentialOperation) => {
  const { action, message } = CREDENTIAL_BOUNDARIES[operation];
  return errorExample(403, 'PermissionBoundaryError', `${message}. Actor is missing permission ${action} on identity`, {
    missingPermissions: [{ action, subject: 'identity' }],
  });
};
const IDENTITY_NOT_FOUND = errorExample(404, 'NotFound', `Failed to find identity with ID ${identityId}`);
const NOT_ATTACHED = errorExample(400, 'BadRequest', 'The identity does not have universal auth');
const BAD_ID = errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] }]);
const IP_RESTRICTED = errorExample(400, 'BadRequest', 'IP restrictions are not supported: trusted IPs must be 0.0.0.0/0 or ::/0');
const SECRET_ID_PARAM = {
  name: 'clientSecretId',
  description: 'The ID of the client secret.',
  schema: { type: 'string', format: 'uuid' },
  examples: { secret: { summary: 'A client secret ID', value: CLIENT_SECRET_EXAMPLE.id } },
} as const;
const answer = (properties: Record<string, SchemaObject>, example: Record<string, unknown>) => ({
  description: 'Default Response',
  content: { 'application/json': { schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false }, example } },
});
const UA_ANSWER = answer({ identityUniversalAuth: UNIVERSAL_AUTH_SCHEMA }, { identityUniversalAuth: UNIVERSAL_AUTH_EXAMPLE });
const CHECKS =
  'The checks, in order: the token (401); the input (422); the permission (403 `PermissionDenied`); the identity, in the organization of the token (404)';

function ApiUniversalAuthErrors(statuses: (400 | 403 | 404 | 422)[], examples: Partial<Record<400 | 403 | 404 | 422, ErrorExample | ErrorExample[]>>) {
  const all: ErrorStatus[] = [...statuses, 401, 413, 500];
  return ApiErrorResponses(all.sort(), { 404: IDENTITY_NOT_FOUND, 422: BAD_ID, ...examples });
}

export const ApiAttachUniversalAuth = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Attach Universal Auth',
      operationId: 'attachUniversalAuth',
      description:
        'Attaches Universal Auth to a machine identity, with a new client ID; client secrets are created with their own route. Needs `create` on identity. ' +
        `${CHECKS}; Universal Auth not attached yet (400); trusted IPs only every address (400).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(UA_ANSWER),
    ApiUniversalAuthErrors([400, 403, 404, 422], {
      400: [errorExample(400, 'BadRequest', 'Failed to add universal auth to already configured identity'), IP_RESTRICTED],
      403: denied('create'),
      422: [
        BAD_ID,
        errorExample(422, 'ValidationFailure', [
          { code: 'notAboveMaxTtl', message: 'Access Token TTL cannot be greater than Access Token Max TTL.', path: ['accessTokenTTL'] },
        ]),
      ],
    }),
  );

export const ApiGetUniversalAuth = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Get Universal Auth',
      operationId: 'getUniversalAuth',
      description: `The Universal Auth configuration of a machine identity. Needs \`read\` on identity. ${CHECKS}; Universal Auth attached (404).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(UA_ANSWER),
    ApiUniversalAuthErrors([403, 404, 422], {
      403: denied('read'),
      404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find universal auth for identity with ID ${identityId}`)],
    }),
  );

export const ApiUpdateUniversalAuth = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Update Universal Auth',
      operationId: 'updateUniversalAuth',
      description:
        "Changes the settings of a machine identity's Universal Auth; a field left out keeps its value, and tokens issued afterwards get the new values. " +
        `Needs \`edit\` on identity. ${CHECKS}; Universal Auth attached (404); trusted IPs (400); the TTL not above the max TTL (400).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(UA_ANSWER),
    ApiUniversalAuthErrors([400, 403, 404, 422], {
      400: [IP_RESTRICTED, errorExample(400, 'BadRequest', 'Access token TTL cannot be greater than max TTL')],
      403: denied('edit'),
    }),
  );

export const ApiDetachUniversalAuth = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Detach Universal Auth',
      operationId: 'detachUniversalAuth',
      description:
        "Removes a machine identity's Universal Auth with its client secrets and the access tokens they obtained. Needs `edit` and `revoke-auth` on identity. " +
        `${CHECKS}; Universal Auth attached (400); \`revoke-auth\` (403 \`PermissionBoundaryError\`). Answers the configuration as it was.`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(UA_ANSWER),
    ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('edit'), boundary('detach')] }),
  );

export const ApiCreateUniversalAuthClientSecret = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Create Client Secret',
      operationId: 'createUniversalAuthClientSecret',
      description:
        "Creates a client secret for a machine identity's Universal Auth. The secret is in this answer only: it is stored as a hash. Needs `create` and `create-token` on identity. " +
        `${CHECKS}; Universal Auth attached (400); \`create-token\` (403 \`PermissionBoundaryError\`).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(
      answer(
        { clientSecret: { type: 'string', description: 'The secret: shown this once.' }, clientSecretData: CLIENT_SECRET_SCHEMA },
        { clientSecret: '4f1c9a0e7b2d5c8f1a3e6b9d0c2f5a8e1b4d7c0f3a6e9b2d5c8f1a4e7b0d3c6f', clientSecretData: CLIENT_SECRET_EXAMPLE },
      ),
    ),
    ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('create'), boundary('createSecret')] }),
  );

export const ApiListUniversalAuthClientSecrets = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Client Secrets',
      operationId: 'listUniversalAuthClientSecrets',
      description:
        'The client secrets of a machine identity that are not revoked (expired and used-up ones included), newest first, without their values. ' +
        `Needs \`read\` and \`get-token\` on identity. ${CHECKS}; Universal Auth attached (400); \`get-token\` (403 \`PermissionBoundaryError\`).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(answer({ clientSecretData: { type: 'array', items: CLIENT_SECRET_SCHEMA } }, { clientSecretData: [CLIENT_SECRET_EXAMPLE] })),
    ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('read'), boundary('listSecrets')] }),
  );

export const ApiGetUniversalAuthClientSecret = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Get Client Secret',
      operationId: 'getUniversalAuthClientSecret',
      description:
        'One client secret of a machine identity, not revoked, without its value. Needs `read` and `get-token` on identity. ' +
        `${CHECKS}; Universal Auth attached (400); \`get-token\` (403 \`PermissionBoundaryError\`); the secret (404).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiParam(SECRET_ID_PARAM),
    ApiOkResponse(answer({ clientSecretData: CLIENT_SECRET_SCHEMA }, { clientSecretData: CLIENT_SECRET_EXAMPLE })),
    ApiUniversalAuthErrors([400, 403, 404, 422], {
      400: NOT_ATTACHED,
      403: [denied('read'), boundary('getSecret')],
      404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find client secret with ID ${CLIENT_SECRET_EXAMPLE.id}`)],
    }),
  );

export const ApiRevokeUniversalAuthClientSecret = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Revoke Client Secret',
      operationId: 'revokeUniversalAuthClientSecret',
      description:
        'Revokes a client secret: it logs in no more, and the API shows it no more; the access tokens it obtained stay valid. Needs `delete` and `delete-token` on identity. ' +
        `${CHECKS}; Universal Auth attached (400); \`delete-token\` (403 \`PermissionBoundaryError\`); the secret, not revoked (404).`,
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiParam(SECRET_ID_PARAM),
    ApiOkResponse(answer({ clientSecretData: CLIENT_SECRET_SCHEMA }, { clientSecretData: { ...CLIENT_SECRET_EXAMPLE, isClientSecretRevoked: true } })),
    ApiUniversalAuthErrors([400, 403, 404, 422], {
      400: NOT_ATTACHED,
      403: [denied('delete'), boundary('revokeSecret')],
      404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find client secret with ID ${CLIENT_SECRET_EXAMPLE.id}`)],
    }),
  );
