import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { IsOmittable, NO_CONTROL_CHARACTERS, trim } from '../../../common/errors/input-rules';
import { GROUP_SLUG_MAX_LENGTH, GROUP_SLUG_MIN_LENGTH, GROUP_SLUG_PATTERN } from '../domain/group-slug';

/** The body of Create Group. */
export class CreateGroupDto {
  /**
   * The name of the group, 1 to 50 characters (trimmed).
   * @example "Platform"
   */
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @Length(1, 50, { message: 'name must be 1 to 50 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name!: string;

  /**
   * The slug of the group, unique in the organization: 5 to 36 lowercase letters and digits in runs
   * joined by single dashes. Derived from the name when absent.
   * @example "platform"
   */
  @IsOmittable()
  @IsString({ message: 'slug must be a string' })
  @Length(GROUP_SLUG_MIN_LENGTH, GROUP_SLUG_MAX_LENGTH, { message: `slug must be ${GROUP_SLUG_MIN_LENGTH} to ${GROUP_SLUG_MAX_LENGTH} characters` })
  @Matches(GROUP_SLUG_PATTERN, { message: 'slug must be lowercase letters and digits joined by single dashes' })
  slug?: string;

  /**
   * The role that the group grants its members: `admin`, `member`, `no-access` or the slug of a custom
   * role of the organization. Defaults to `no-access`.
   * @example "member"
   */
  @IsOmittable()
  @IsString({ message: 'role must be a string' })
  @Length(1, 64, { message: 'role must be 1 to 64 characters' })
  role?: string;
}
