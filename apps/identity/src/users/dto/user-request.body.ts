import { UserRequest } from '@mogul/contracts';
import { IsUUID } from 'class-validator';

export class UserRequestBody implements UserRequest {
  @IsUUID()
  userId: string;
}
