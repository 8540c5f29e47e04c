import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';

@Module({ controllers: [MeController, UsersController] })
export class UsersModule {}
