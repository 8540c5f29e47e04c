import { IsUUID } from 'class-validator';

/** A user named in the path, e.g. the one an operator grants a role to; never the caller. */
export class UserIdParams {
  @IsUUID()
  id: string;
}
