import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { Causation, UserProfile } from '@mogul/contracts';
import { Actor, Cause, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { GrantRoleBody } from './dto/grant-role.body';
import { UserIdParams } from './dto/user-id.params';
import { UserService } from './user.service';

/** Accounts: the caller's own (from the verified token, never from the path) and operators' grants. */
@Controller(`${INTERNAL_API_PREFIX}/users`)
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get('me')
  async profile(@CurrentActor() actor: Actor): Promise<UserProfile> {
    return (await this.users.profile(actor.userId)).profile();
  }

  @Post('me/creator')
  @HttpCode(HttpStatus.OK)
  async becomeCreator(@CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<UserProfile> {
    return (await this.users.becomeCreator(actor.userId, cause)).profile();
  }

  /** The token must say operator, and `grantRole` checks identity's own data again. */
  @Post(':id/roles')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('operator')
  async grantRole(
    @Param() { id }: UserIdParams,
    @Body() { role }: GrantRoleBody,
    @CurrentActor() operator: Actor,
    @Cause() cause: Causation,
  ): Promise<UserProfile> {
    return (await this.users.grantRole(operator.userId, id, role, cause)).profile();
  }
}
