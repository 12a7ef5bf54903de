import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppError } from '../../../common/errors/app-error';
import { requestTrace, type ServiceRequest } from '../../../common/pipeline/request-id';
import { LoginUniversalAuthUseCase, type LoginResult } from '../application/login-universal-auth.use-case';
import { RevokeAccessTokenUseCase } from '../application/revoke-access-token.use-case';
import { AuthFailureLimiter } from '../auth-failure-limiter';
import { PublicAuthentication } from '../public.decorator';
import { LoginUniversalAuthDto, RevokeAccessTokenDto } from './universal-auth.dto';
import { ApiLoginUniversalAuth, ApiRevokeIdentityAccessToken } from './authentication.docs';

/**
 * The public routes that take identity credentials in their body. Their refusals count as failed
 * authentications of the client's IP, as refused bearer tokens do.
 */
@ApiTags('Universal Auth')
@Controller('api/v1/auth')
export class AuthenticationController {
  constructor(
    private readonly loginUniversalAuth: LoginUniversalAuthUseCase,
    private readonly revokeAccessToken: RevokeAccessTokenUseCase,
    private readonly authFailures: AuthFailureLimiter,
  ) {}

  @Post('universal-auth/login')
  @HttpCode(200)
  @PublicAuthentication()
  @ApiLoginUniversalAuth()
  login(@Body() body: LoginUniversalAuthDto, @Req() request: ServiceRequest): Promise<LoginResult> {
    const organizationSlugs = [body.organizationSlug, body.subOrganizationName].filter((slug) => slug !== undefined);
    const command = { clientId: body.clientId, clientSecret: body.clientSecret, organizationSlugs };
    return this.countingFailures(request, this.loginUniversalAuth.execute(command, requestTrace(request)));
  }

  @Post('token/revoke')
  @HttpCode(200)
  @PublicAuthentication()
  @ApiRevokeIdentityAccessToken()
  async revoke(@Body() body: RevokeAccessTokenDto, @Req() request: ServiceRequest): Promise<{ message: string }> {
    await this.countingFailures(request, this.revokeAccessToken.execute(body.accessToken, requestTrace(request)));
    return { message: 'Successfully revoked access token' };
  }

  /** A refused credential counts toward the client IP's failed authentications; a database outage does not. */
  private async countingFailures<T>(request: ServiceRequest, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'Unauthorized') await this.authFailures.recordFailure(request);
      throw error;
    }
  }
}
