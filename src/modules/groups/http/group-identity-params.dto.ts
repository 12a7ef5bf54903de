import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { UUID } from '../../../common/errors/input-rules';

const toLowerTrimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** The path of the routes on one machine identity of a group; each route describes both with its @ApiParam. */
export class GroupIdentityParamsDto {
  @Transform(toLowerTrimmed)
  @Matches(UUID, { message: 'id must be a UUID' })
  id!: string;

  @Transform(toLowerTrimmed)
  @Matches(UUID, { message: 'machineIdentityId must be a UUID' })
  machineIdentityId!: string;
}
