import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsOmittable, NO_CONTROL_CHARACTERS, trim } from '../../../common/errors/input-rules';
import { DEFAULT_UNIVERSAL_AUTH_SETTINGS } from '../domain/universal-auth';
import { IsUuid, toLowerUuid } from './identity-input';

const MAX_TTL_SECONDS = 315360000;
const MAX_USES = 2147483647;

/** `accessTokenTTL` must not exceed `accessTokenMaxTTL` when both are known to the body (a default counts). */
function NotAboveMaxTtl(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'notAboveMaxTtl',
      target: target.constructor,
      propertyName: String(property),
      options: { message: 'Access Token TTL cannot be greater than Access Token Max TTL.' },
      validator: {
        validate(value: unknown, { object }: ValidationArguments) {
          const max = (object as { accessTokenMaxTTL?: unknown }).accessTokenMaxTTL;
          return typeof value !== 'number' || typeof max !== 'number' || value <= max;
        },
      },
    });
}

/** A trusted IP range; only `0.0.0.0/0` and `::/0` are accepted (IP restrictions are not supported). */
export class TrustedIpDto {
  /** @example "0.0.0.0/0" */
  @IsString({ message: 'ipAddress must be a string' })
  @Length(1, 64, { message: 'ipAddress must be 1 to 64 characters' })
  ipAddress!: string;
}

/** The identity of the path, when repeated in the body. */
class IdentityIdInBody {
  /** The identity of the path, when repeated here. */
  @IsOmittable()
  @Transform(toLowerUuid)
  @IsUuid('identityId')
  identityId?: string;
}

/** The trusted IPs that Attach and Update Universal Auth accept, besides the identity of the path. */
class TrustedIpsInBody extends IdentityIdInBody {
  /** Only `[{"ipAddress": "0.0.0.0/0"}, {"ipAddress": "::/0"}]` or a part of it. */
  @IsOmittable()
  @IsArray({ message: 'clientSecretTrustedIps must be an array' })
  @ArrayMinSize(1, { message: 'clientSecretTrustedIps must not be empty' })
  @ValidateNested()
  @Type(() => TrustedIpDto)
  clientSecretTrustedIps?: TrustedIpDto[];

  /** Only `[{"ipAddress": "0.0.0.0/0"}, {"ipAddress": "::/0"}]` or a part of it. */
  @IsOmittable()
  @IsArray({ message: 'accessTokenTrustedIps must be an array' })
  @ArrayMinSize(1, { message: 'accessTokenTrustedIps must not be empty' })
  @ValidateNested()
  @Type(() => TrustedIpDto)
  accessTokenTrustedIps?: TrustedIpDto[];
}

/** The body of Attach Universal Auth: a field left out takes its default. */
export class AttachUniversalAuthDto extends TrustedIpsInBody {
  /** Seconds an access token authenticates after login, 0 to 315360000; 0: no expiry. Defaults to 2592000 (30 days). */
  @ApiPropertyOptional({ type: 'integer' })
  @IsInt({ message: 'accessTokenTTL must be an integer' })
  @Min(0, { message: 'accessTokenTTL must be at least 0' })
  @Max(MAX_TTL_SECONDS, { message: `accessTokenTTL must be at most ${MAX_TTL_SECONDS}` })
  @NotAboveMaxTtl()
  accessTokenTTL?: number;

  /** The maximum TTL, 0 to 315360000; informative only, as there is no renewal. Defaults to 2592000. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsInt({ message: 'accessTokenMaxTTL must be an integer' })
  @Min(0, { message: 'accessTokenMaxTTL must be at least 0' })
  @Max(MAX_TTL_SECONDS, { message: `accessTokenMaxTTL must be at most ${MAX_TTL_SECONDS}` })
  accessTokenMaxTTL?: number;

  /** Requests an access token authenticates, 0 to 2147483647; 0: no limit. Defaults to 0. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsInt({ message: 'accessTokenNumUsesLimit must be an integer' })
  @Min(0, { message: 'accessTokenNumUsesLimit must be at least 0' })
  @Max(MAX_USES, { message: `accessTokenNumUsesLimit must be at most ${MAX_USES}` })
  accessTokenNumUsesLimit?: number;

  constructor() {
    super();
    // The defaults are set here, where the body is built, and not as initializers: the Swagger plugin would document
    // those as `default`, and client generators make a property with a `default` required.
    Object.assign(this, DEFAULT_UNIVERSAL_AUTH_SETTINGS);
  }
}

/** The body of Update Universal Auth: a field left out keeps its value. */
export class UpdateUniversalAuthDto extends TrustedIpsInBody {
  /** Seconds an access token authenticates after login, 0 to 315360000; 0: no expiry. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'accessTokenTTL must be an integer' })
  @Min(0, { message: 'accessTokenTTL must be at least 0' })
  @Max(MAX_TTL_SECONDS, { message: `accessTokenTTL must be at most ${MAX_TTL_SECONDS}` })
  @NotAboveMaxTtl()
  accessTokenTTL?: number;

  /** The maximum TTL, 0 to 315360000; informative only. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'accessTokenMaxTTL must be an integer' })
  @Min(0, { message: 'accessTokenMaxTTL must be at least 0' })
  @Max(MAX_TTL_SECONDS, { message: `accessTokenMaxTTL must be at most ${MAX_TTL_SECONDS}` })
  accessTokenMaxTTL?: number;

  /** Requests an access token authenticates, 0 to 2147483647; 0: no limit. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'accessTokenNumUsesLimit must be an integer' })
  @Min(0, { message: 'accessTokenNumUsesLimit must be at least 0' })
  @Max(MAX_USES, { message: `accessTokenNumUsesLimit must be at most ${MAX_USES}` })
  accessTokenNumUsesLimit?: number;
}

/** The body of Create Client Secret. */
export class CreateClientSecretDto extends IdentityIdInBody {
  /**
   * What the secret is for, 0 to 255 characters. Defaults to `""`.
   * @example "GitHub Actions"
   */
  @IsOmittable()
  @IsString({ message: 'description must be a string' })
  @Length(0, 255, { message: 'description must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'description must not contain control characters' })
  description?: string;

  /** Logins the secret allows, 0 to 2147483647; 0 (the default): no limit. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'numUsesLimit must be an integer' })
  @Min(0, { message: 'numUsesLimit must be at least 0' })
  @Max(MAX_USES, { message: `numUsesLimit must be at most ${MAX_USES}` })
  numUsesLimit?: number;

  /** Seconds from creation during which the secret logs in, 0 to 315360000; 0 (the default): no expiry. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'ttl must be an integer' })
  @Min(0, { message: 'ttl must be at least 0' })
  @Max(MAX_TTL_SECONDS, { message: `ttl must be at most ${MAX_TTL_SECONDS}` })
  ttl?: number;
}

/** The optional body of the routes that repeat the identity of the path. */
export class UniversalAuthIdentityBodyDto extends IdentityIdInBody {}

/** The optional body of Revoke Client Secret. */
export class RevokeClientSecretDto extends IdentityIdInBody {
  /** The client secret of the path, when repeated here. */
  @IsOmittable()
  @Transform(toLowerUuid)
  @IsUuid('clientSecretId')
  clientSecretId?: string;
}

/** The path of the routes on one client secret. */
export class ClientSecretParamsDto {
  @Transform(toLowerUuid)
  @IsUuid('identityId')
  identityId!: string;

  @Transform(toLowerUuid)
  @IsUuid('clientSecretId')
  clientSecretId!: string;
}

/** The body of Universal Auth Login. */
export class LoginUniversalAuthDto {
  /**
   * The client ID of the identity's Universal Auth.
   * @example "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
   */
  @Transform(trim)
  @IsString({ message: 'clientId must be a string' })
  @Length(1, 1024, { message: 'clientId must be 1 to 1024 characters' })
  clientId!: string;

  /** A client secret of the identity, as answered when it was created. */
  @Transform(trim)
  @IsString({ message: 'clientSecret must be a string' })
  @Length(1, 1024, { message: 'clientSecret must be 1 to 1024 characters' })
  clientSecret!: string;

  /** When given, the slug of the identity's organization. */
  @IsOmittable()
  @IsString({ message: 'organizationSlug must be a string' })
  @Length(1, 64, { message: 'organizationSlug must be 1 to 64 characters' })
  organizationSlug?: string;

  /** When given, the slug of the identity's organization (sub-organizations are not supported). */
  @IsOmittable()
  @IsString({ message: 'subOrganizationName must be a string' })
  @Length(1, 64, { message: 'subOrganizationName must be 1 to 64 characters' })
  subOrganizationName?: string;
}

/** The body of Revoke Access Token. */
export class RevokeAccessTokenDto {
  /** The identity access token to revoke. */
  @IsString({ message: 'accessToken must be a string' })
  @Length(1, 1024, { message: 'accessToken must be 1 to 1024 characters' })
  accessToken!: string;
}
