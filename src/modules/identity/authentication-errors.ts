import { AppError } from '../../common/errors/app-error';

export class AuthenticationError extends AppError {
  readonly kind = 'Unauthorized';
  readonly code = 'UNAUTHENTICATED';
}

export class MalformedAuthorizationHeaderError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'MALFORMED_AUTHORIZATION_HEADER';
  constructor() {
    super('The Authorization header must have the form "Bearer <token>"');
  }
}
