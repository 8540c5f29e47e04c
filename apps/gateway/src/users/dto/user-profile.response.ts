import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES, UserProfile } from '@mogul/contracts';

export class UserProfileResponse implements UserProfile {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['shopper'] })
  roles!: Role[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
