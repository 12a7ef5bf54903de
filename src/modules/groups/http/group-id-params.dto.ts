import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { UUID } from '../../../common/errors/input-rules';

/** The path of the routes on one group; each route describes `id` with its @ApiParam. */
export class GroupIdParamsDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(UUID, { message: 'id must be a UUID' })
  id!: string;
}
