import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { UserProfile } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { IdentityClient } from '../services/identity.client';
import { GrantRoleDto } from './dto/grant-role.dto';
import { UserProfileResponse } from './dto/user-profile.response';

/** Operators' administration of other users. */
@ApiTags('users')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('users')
export class UsersController {
  constructor(private readonly identity: IdentityClient) {}

  @Post(':id/roles')
  @HttpCode(HttpStatus.OK)
  @Roles('operator')
  @ApiOperation({
    summary: 'Grant a user the merchant or operator role',
    description: 'Operators only. The user sees the role in access tokens issued after the grant.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The user to grant the role to.' })
  @ApiOkResponse({ type: UserProfileResponse, description: 'The user’s profile with the role.' })
  @ApiProblems(400, 401, 403, 404)
  grantRole(@UuidParam('id') userId: string, @Body() body: GrantRoleDto, @Caller() operator: GatewayCaller): Promise<UserProfile> {
    return this.identity.grantRole(operator, userId, { role: body.role });
  }
}
