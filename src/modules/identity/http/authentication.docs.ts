import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import { LOGIN_SCHEMA } from './universal-auth.schema';

// The OpenAPI metadata of the routes of AuthenticationController, a decorator bundle each, so that the controller reads as routes.

const BLOCKED = errorExample(429, 'RateLimitExceeded', 'Rate limit exceeded. Please try again in 42 seconds');

export const ApiLoginUniversalAuth = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Universal Auth Login',
      operationId: 'loginUniversalAuth',
      security: [],
      description:
        'Exchanges the client ID and a client secret of a machine identity for a new access token (public: no Authorization header). The token ' +
        'is opaque and in this answer only; send it as `Authorization: Bearer <accessToken>` to any `/api/v1` route (or paste it into Authorize) to act ' +
        'as the identity, with its permissions.\n\nThe checks, in order: the client IP not blocked after too many failed authentications (429); the ' +
        'input (422); the credentials (401 `Invalid credentials`, for every cause); the secret not expired (401); the secret under its use limit (401). ' +
        'Every 401 counts as a failed authentication.',
    }),
    ApiOkResponse({
      description: 'Default Response',
      content: {
        'application/json': { schema: LOGIN_SCHEMA, example: { accessToken: 'gia_Xb3…', expiresIn: 2592000, accessTokenMaxTTL: 2592000, tokenType: 'Bearer' } },
      },
    }),
    ApiErrorResponses([401, 413, 422, 429, 500], {
      401: [
        errorExample(401, 'UnauthorizedError', 'Invalid credentials'),
        errorExample(401, 'UnauthorizedError', 'Access denied due to expired client secret'),
        errorExample(401, 'UnauthorizedError', 'Access denied due to client secret usage limit reached'),
      ],
      422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'clientSecret must be 1 to 1024 characters', path: ['clientSecret'] }]),
      429: BLOCKED,
    }),
  );

export const ApiRevokeIdentityAccessToken = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Revoke Access Token',
      operationId: 'revokeIdentityAccessToken',
      security: [],
      description:
        "Revokes a machine identity's access token, given in the body (public: no Authorization header). Expired and used-up tokens can be revoked too. " +
        'An unknown, already revoked or user token answers 401 and counts as a failed authentication.',
    }),
    ApiOkResponse({
      description: 'Default Response',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { message: { type: 'string', enum: ['Successfully revoked access token'] } },
            required: ['message'],
            additionalProperties: false,
          },
          example: { message: 'Successfully revoked access token' },
        },
      },
    }),
    ApiErrorResponses([401, 413, 422, 429, 500], {
      401: errorExample(401, 'UnauthorizedError', 'No identity access token found'),
      422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'accessToken must be 1 to 1024 characters', path: ['accessToken'] }]),
      429: BLOCKED,
    }),
  );
