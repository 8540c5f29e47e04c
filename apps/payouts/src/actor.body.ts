import { PayoutActor, Role, ROLES } from '@mogul/contracts';
import { IsArray, IsIn, IsUUID } from 'class-validator';

/** Who asks, as the gateway verified it from the access token. */
export class ActorBody implements PayoutActor {
  @IsUUID()
  userId: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}
