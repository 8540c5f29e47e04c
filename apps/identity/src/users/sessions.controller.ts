import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Causation, SessionReply } from '@mogul/contracts';
import { Cause, INTERNAL_API_PREFIX } from '@mogul/http';
import { TokenService } from '../tokens/token.service';
import { LoginBody } from './dto/login.body';
import { RegisterBody } from './dto/register.body';
import { User } from './user.entity';
import { UserService } from './user.service';

/**
 * Registration and login: anonymous by nature, so the gateway calls them with its own token.
 * Both answer the user and a new token pair.
 */
@Controller(`${INTERNAL_API_PREFIX}/auth`)
export class SessionsController {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
  ) {}

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  async register(@Body() body: RegisterBody, @Cause() cause: Causation): Promise<SessionReply> {
    return this.signedIn(await this.users.register(body, cause));
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() { email, password }: LoginBody): Promise<SessionReply> {
    return this.signedIn(await this.users.authenticate(email, password));
  }

  private async signedIn(user: User): Promise<SessionReply> {
    return { user: user.profile(), tokens: await this.tokens.issue(user) };
  }
}
