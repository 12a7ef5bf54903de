import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable, NO_CONTROL_CHARACTERS, UUID } from '../../../common/errors/input-rules';

const lowerCaseTrimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** The body of Create SCIM Token. */
export class CreateScimTokenDto {
  /**
   * The organization of the token: the id or the slug of the actor's organization, which it is by default.
   * @example "acme"
   */
  @IsOmittable()
  @Transform(lowerCaseTrimmed)
  @IsString({ message: 'organizationId must be a string' })
  @Length(1, 64, { message: 'organizationId must be 1 to 64 characters' })
  organizationId?: string;

  /**
   * What the token is for, at most 255 characters. Defaults to "".
   * @example "Okta"
   */
  @IsOmittable()
  @IsString({ message: 'description must be a string' })
  @MaxLength(255, { message: 'description must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'description must not contain control characters' })
  description?: string;

  /**
   * Days until the token expires, 0 to 730; 0 (the default) never expires.
   * @example 365
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOmittable()
  @IsInt({ message: 'ttlDays must be an integer' })
  @Min(0, { message: 'ttlDays must be 0 to 730' })
  @Max(730, { message: 'ttlDays must be 0 to 730' })
  ttlDays?: number;
}

/** The query of List SCIM Tokens. */
export class ListScimTokensQueryDto {
  /** The id or the slug of the actor's organization; optional. */
  @IsOmittable()
  @Transform(lowerCaseTrimmed)
  @IsString({ message: 'organizationId must be a string' })
  @Length(1, 64, { message: 'organizationId must be 1 to 64 characters' })
  organizationId?: string;
}

/** The path of Delete SCIM Token. */
export class ScimTokenIdParamsDto {
  @Transform(lowerCaseTrimmed)
  @Matches(UUID, { message: 'id must be a UUID' })
  id!: string;
}
