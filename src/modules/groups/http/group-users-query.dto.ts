import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyAsAbsent, NO_CONTROL_CHARACTERS, toInteger } from '../../../common/errors/input-rules';
import { GROUP_USERS_FILTERS, type GroupUsersFilter } from '../application/group-users.query';

/** Letters, digits, `-`, `.` and `@`: what usernames, emails and names are searched by, and nothing a LIKE pattern would read. */
const SEARCH = /^[\p{L}\p{Nd}.@-]+$/u;

/** The query of List Group Users. */
export class GroupUsersQueryDto {
  /** How many users to skip, from 0. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be at least 0' })
  offset: number = 0;

  /** How many users to answer, from 1 to 100. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit: number = 10;

  /** Part of a username, email, first or last name, in any case: letters, digits, `-`, `.` and `@` only; e.g. `turing`. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'search must be a string' })
  @MaxLength(255, { message: 'search must be at most 255 characters' })
  @Matches(SEARCH, { message: 'search may contain only letters, digits, "-", "." and "@"' })
  search?: string;

  /** A whole username, in any case, e.g. `alan.turing@example.com`. Ignored when `search` is given. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'username must be a string' })
  @MaxLength(255, { message: 'username must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username?: string;

  /**
   * `existingMembers`: only the group's members; `nonMembers`: only the organization's users outside
   * the group; absent: every user of the organization, each with `isPartOfGroup`.
   */
  @IsOptional()
  @IsIn(GROUP_USERS_FILTERS, { message: `filter must be one of ${GROUP_USERS_FILTERS.join(', ')}` })
  filter?: GroupUsersFilter;
}
