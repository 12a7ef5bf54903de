import { applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/docs/api-docs';

// The OpenAPI metadata of the routes of StatusController, a decorator bundle each, so that the controller reads as routes.

export const ApiGetStatus = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Service status',
      description: 'Public. 200 when the database answers, 503 `ServiceUnavailable` when it does not.',
      operationId: 'getStatus',
    }),
    ApiErrorResponses([429, 503]),
  );
