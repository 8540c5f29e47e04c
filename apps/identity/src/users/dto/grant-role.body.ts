import { GRANTABLE_ROLES, GrantableRole, GrantRoleRequest } from '@mogul/contracts';
import { IsIn } from 'class-validator';

export class GrantRoleBody implements GrantRoleRequest {
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of: ${GRANTABLE_ROLES.join(', ')}` })
  role: GrantableRole;
}
