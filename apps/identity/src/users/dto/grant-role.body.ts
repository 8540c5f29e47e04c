import { GRANTABLE_ROLES, GrantableRole, GrantRoleRequest } from '@mogul/contracts';
import { IsIn, IsUUID } from 'class-validator';

export class GrantRoleBody implements GrantRoleRequest {
  @IsUUID()
  actorId: string;

  @IsUUID()
  userId: string;

  @IsIn(GRANTABLE_ROLES, { message: `role must be one of: ${GRANTABLE_ROLES.join(', ')}` })
  role: GrantableRole;
}
