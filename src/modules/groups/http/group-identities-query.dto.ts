import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyAsAbsent, toInteger } from '../../../common/errors/input-rules';
import { GROUP_IDENTITIES_FILTERS, type GroupIdentitiesFilter } from '../application/group-identities.query';
import { MEMBER_TYPES, type MemberType } from '../application/group-members.query';

/** The paging of the group listings: `offset` from 0, `limit` 1 to 100 (10 by default). */
class GroupPageQuery {
  /** How many entries to skip, from 0. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be at least 0' })
  offset: number = 0;

  /** How many entries to answer, from 1 to 100. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit: number = 10;
}

/** The query of List Group Machine Identities. */
export class GroupIdentitiesQueryDto extends GroupPageQuery {
  /** Part of the name, in any case: letters, digits and `-` only, e.g. `deploy`; empty means none. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'search must be a string' })
  @MaxLength(64, { message: 'search must be at most 64 characters' })
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'Invalid pattern: only alphanumeric characters, - are allowed.' })
  search?: string;

  /**
   * `assignedMachineIdentities`: only the group's members; `nonAssignedMachineIdentities`: only the
   * organization's other identities; absent: every identity of the organization, each with `isPartOfGroup`.
   */
  @IsOptional()
  @IsIn(GROUP_IDENTITIES_FILTERS, { message: `filter must be one of ${GROUP_IDENTITIES_FILTERS.join(', ')}` })
  filter?: GroupIdentitiesFilter;
}

/** The query of List Group Members. */
export class GroupMembersQueryDto extends GroupPageQuery {
  /** Part of a user's `firstName lastName username` or of an identity's name, in any case: letters, digits, `-`, `.` and `@` only. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'search must be a string' })
  @MaxLength(64, { message: 'search must be at most 64 characters' })
  @Matches(/^[A-Za-z0-9.@-]+$/, { message: 'Invalid pattern: only alphanumeric characters, -, ., @ are allowed.' })
  search?: string;

  /** The sort key: `name` only (a user's full name, else username; an identity's name). */
  @IsOptional()
  @IsIn(['name'], { message: 'orderBy must be name' })
  orderBy?: 'name';

  /** `asc` (the default) or `desc`. */
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'orderDirection must be one of asc, desc' })
  orderDirection?: 'asc' | 'desc';

  /** The kinds of member to list, given once or repeated; both when absent. */
  @ApiProperty({ required: false, type: 'array', items: { type: 'string', enum: [...MEMBER_TYPES] } })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsOptional()
  @IsArray({ message: 'memberTypeFilter must be users or machineIdentities, once or repeated' })
  @IsIn(MEMBER_TYPES, { each: true, message: `memberTypeFilter must be one of ${MEMBER_TYPES.join(', ')}` })
  memberTypeFilter?: MemberType[];
}
