import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { NO_CONTROL_CHARACTERS, trim } from '../../../common/errors/input-rules';
import { GroupIdParamsDto } from './group-id-params.dto';

/** The path of the routes on one member of a group: trimmed, as the reference API does. */
export class GroupUserParamsDto extends GroupIdParamsDto {
  @Transform(trim)
  @IsNotEmpty({ message: 'username must not be empty' })
  @MaxLength(255, { message: 'username must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username!: string;
}
