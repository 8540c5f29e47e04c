import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, InternalApiModule } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { IdentityConfig } from './config';
import { identityDataSourceOptions } from './database';
import { identityOutbox } from './messaging';
import { PasswordHasher } from './passwords/password-hasher';
import { IdentityStore } from './store/identity-store';
import { TypeormIdentityStore } from './store/typeorm-identity-store';
import { jwtModuleOptions } from './tokens/jwt-options';
import { TokenService } from './tokens/token.service';
import { TokensController } from './tokens/tokens.controller';
import { FirstOperatorBootstrap } from './users/first-operator.bootstrap';
import { SessionsController } from './users/sessions.controller';
import { UserService } from './users/user.service';
import { UsersController } from './users/users.controller';

@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'identity', level: config.LOG_LEVEL }),
        TypeOrmModule.forRoot({ ...identityDataSourceOptions(config), retryAttempts: 3 }),
        JwtModule.register(jwtModuleOptions(config)),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: true }),
        MetricsModule.forRoot({ service: 'identity' }),
        InternalApiModule.forRoot(config.accessTokens()),
      ],
      controllers: [SessionsController, TokensController, UsersController],
      providers: [
        { provide: IdentityConfig, useValue: config },
        Clock,
        {
          provide: PasswordHasher,
          useFactory: () =>
            new PasswordHasher({
              memoryKib: config.ARGON2_MEMORY_KIB,
              timeCost: config.ARGON2_TIME_COST,
              parallelism: config.ARGON2_PARALLELISM,
            }),
        },
        { provide: IdentityStore, useClass: TypeormIdentityStore },
        UserService,
        TokenService,
        FirstOperatorBootstrap,
        identityOutbox(config),
      ],
    };
  }
}
