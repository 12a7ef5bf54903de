import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyAsAbsent, IsOmittable, NO_CONTROL_CHARACTERS, toInteger, trim } from '../../../common/errors/input-rules';
import { EmptyMetadata, IsUuid, toLowerUuid } from './identity-input';

/** The path of the routes on one identity. */
export class IdentityIdParamsDto {
  @Transform(toLowerUuid)
  @IsUuid('identityId')
  identityId!: string;
}

/** The body of Create Identity. */
export class CreateIdentityDto {
  /**
   * The name of the identity, unique in the organization whatever its case: 1 to 64 characters (trimmed).
   * @example "ci-deployer"
   */
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name!: string;

  /**
   * The org role of the identity: `admin`, `member`, `no-access` or the slug of a custom role of the
   * organization. Defaults to `no-access`.
   * @example "member"
   */
  @IsOmittable()
  @IsString({ message: 'role must be a string' })
  @Length(1, 64, { message: 'role must be 1 to 64 characters' })
  role?: string;

  /** Whether deleting the identity is refused. Defaults to `false`. */
  @IsOmittable()
  @IsBoolean({ message: 'hasDeleteProtection must be a boolean' })
  hasDeleteProtection?: boolean;

  /** The organization of the token, when given. */
  @IsOmittable()
  @Transform(toLowerUuid)
  @IsUuid('organizationId')
  organizationId?: string;

  /** Not supported: only `[]` or `null`. */
  @EmptyMetadata()
  metadata?: unknown[] | null;
}

/** The body of Update Identity: every field may be left out, and keeps its value then. */
export class UpdateIdentityDto {
  /**
   * The new name, unique in the organization whatever its case: 1 to 64 characters (trimmed).
   * @example "ci-deployer-eu"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;

  /**
   * The new org role: `admin`, `member`, `no-access` or the slug of a custom role of the organization.
   * @example "member"
   */
  @IsOmittable()
  @IsString({ message: 'role must be a string' })
  @Length(1, 64, { message: 'role must be 1 to 64 characters' })
  role?: string;

  /** Whether deleting the identity is refused. */
  @IsOmittable()
  @IsBoolean({ message: 'hasDeleteProtection must be a boolean' })
  hasDeleteProtection?: boolean;

  /** Not supported: only `[]` or `null`. */
  @EmptyMetadata()
  metadata?: unknown[] | null;

  /** The identity of the path, when repeated here. */
  @IsOmittable()
  @Transform(toLowerUuid)
  @IsUuid('identityId')
  identityId?: string;
}

/** The optional body of the routes that repeat the identity of the path. */
export class IdentityIdBodyDto {
  /** The identity of the path, when repeated here. */
  @IsOmittable()
  @Transform(toLowerUuid)
  @IsUuid('identityId')
  identityId?: string;
}

/** The query of List Identities. */
export class ListIdentitiesQueryDto {
  /** The organization of the token, when given. */
  @IsOptional()
  @Transform(toLowerUuid)
  @IsUuid('orgId')
  orgId?: string;

  /** How many identities to skip, from 0. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be at least 0' })
  offset: number = 0;

  /** How many identities to answer, from 1 to 100. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit: number = 100;

  /** Part of the name, in any case, e.g. `deploy`; empty means none. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'search must be a string' })
  @MaxLength(64, { message: 'search must be at most 64 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'search must not contain control characters' })
  search?: string;
}
