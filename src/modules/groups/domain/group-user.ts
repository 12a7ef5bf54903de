/** A user as groups show it: the shape of the reference API's group user answers. */
export interface GroupUser {
  readonly id: string;
  readonly username: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
}
