import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Any UUID, in any case; it is compared in lower case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** C0 and C1 control characters, DEL included. */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** The path of the routes on one member of a group: trimmed, as the reference API does. */
export class GroupUserParamsDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(UUID, { message: 'id must be a UUID' })
  id!: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'username must not be empty' })
  @MaxLength(255, { message: 'username must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username!: string;
}
