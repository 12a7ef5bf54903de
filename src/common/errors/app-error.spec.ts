import { AppError, PermissionDeniedError, ValidationFailedError } from './app-error';

class TeapotError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'TEAPOT';
}

const FRAME = /\n\s+at /;

describe('AppError', () => {
  it('is an answer: it keeps its class, name and message, and captures no stack', () => {
    for (const error of [new TeapotError('short and stout'), new PermissionDeniedError({ action: 'edit', subject: 'groups' }), new ValidationFailedError([])]) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toBeInstanceOf(Error);
      expect(error.stack).not.toMatch(FRAME);
    }
    expect(new TeapotError('short and stout').message).toBe('short and stout');
  });

  it('leaves every other error its stack', () => {
    new TeapotError('first');
    expect(new Error('unexpected').stack).toMatch(FRAME);
    expect(new TypeError('unexpected').stack).toMatch(FRAME);
  });
});
