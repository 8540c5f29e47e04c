import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserProfile } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { IdentityClient } from '../services/identity.client';
import { UserProfileResponse } from './dto/user-profile.response';

/** The signed-in user's own account; identity reads who that is from the forwarded access token. */
@ApiTags('me')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('me')
export class MeController {
  constructor(private readonly identity: IdentityClient) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user’s profile' })
  @ApiOkResponse({ type: UserProfileResponse, description: 'The profile.' })
  @ApiProblems(401, 404)
  profile(@Caller() caller: GatewayCaller): Promise<UserProfile> {
    return this.identity.profile(caller);
  }

  @Post('creator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Opt in as a creator',
    description: 'Adds the creator role. Access tokens issued before carry the old roles: refresh to get one with the new role.',
  })
  @ApiOkResponse({ type: UserProfileResponse, description: 'The profile with the creator role.' })
  @ApiProblems(401, 404)
  becomeCreator(@Caller() caller: GatewayCaller): Promise<UserProfile> {
    return this.identity.becomeCreator(caller);
  }
}
