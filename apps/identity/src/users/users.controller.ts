import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GrantRoleRequest,
  IdentityPatterns,
  LoginRequest,
  RegisterRequest,
  Reply,
  RequestMessage,
  SessionReply,
  UserProfile,
  UserRequest,
} from '@mogul/contracts';
import { answer, causeOf, validBody } from '@mogul/messaging';
import { TokenService } from '../tokens/token.service';
import { GrantRoleBody } from './dto/grant-role.body';
import { LoginBody } from './dto/login.body';
import { RegisterBody } from './dto/register.body';
import { UserRequestBody } from './dto/user-request.body';
import { User } from './user.entity';
import { UserService } from './user.service';

/** Request–reply handlers for accounts: validate, call the service, answer. */
@Controller()
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
  ) {}

  @MessagePattern(IdentityPatterns.register)
  register(@Payload() message: RequestMessage<RegisterRequest>): Promise<Reply<SessionReply>> {
    return answer(async () => {
      const registration = await validBody(RegisterBody, message);
      return this.signedIn(await this.users.register(registration, causeOf(message)));
    });
  }

  @MessagePattern(IdentityPatterns.login)
  login(@Payload() message: RequestMessage<LoginRequest>): Promise<Reply<SessionReply>> {
    return answer(async () => {
      const { email, password } = await validBody(LoginBody, message);
      return this.signedIn(await this.users.authenticate(email, password));
    });
  }

  @MessagePattern(IdentityPatterns.getProfile)
  getProfile(@Payload() message: RequestMessage<UserRequest>): Promise<Reply<UserProfile>> {
    return answer(async () => {
      const { userId } = await validBody(UserRequestBody, message);
      return (await this.users.profile(userId)).profile();
    });
  }

  @MessagePattern(IdentityPatterns.becomeCreator)
  becomeCreator(@Payload() message: RequestMessage<UserRequest>): Promise<Reply<UserProfile>> {
    return answer(async () => {
      const { userId } = await validBody(UserRequestBody, message);
      return (await this.users.becomeCreator(userId, causeOf(message))).profile();
    });
  }

  @MessagePattern(IdentityPatterns.grantRole)
  grantRole(@Payload() message: RequestMessage<GrantRoleRequest>): Promise<Reply<UserProfile>> {
    return answer(async () => {
      const { actorId, userId, role } = await validBody(GrantRoleBody, message);
      return (await this.users.grantRole(actorId, userId, role, causeOf(message))).profile();
    });
  }

  private async signedIn(user: User): Promise<SessionReply> {
    return { user: user.profile(), tokens: await this.tokens.issue(user) };
  }
}
