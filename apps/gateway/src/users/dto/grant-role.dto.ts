import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GRANTABLE_ROLES, GrantableRole } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';

export class GrantRoleDto {
  @ApiProperty({ enum: GRANTABLE_ROLES, example: 'merchant' })
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of: ${GRANTABLE_ROLES.join(', ')}` })
  @Required()
  role!: GrantableRole;
}
