import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CreateUserInput } from './user.input.js';
import type { UserService } from './user.service.js';
import { User } from './user.type.js';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Query(() => User, { nullable: true, description: 'The caller, or null when not signed in.' })
  async me(@Ctx() ctx: SubgraphContext): Promise<User | null> {
    return ctx.user ? this.service.byId(ctx.user.id) : null;
  }

  @Authorized('ADMIN')
  @Query(() => [User])
  users(): Promise<User[]> {
    return this.service.list();
  }

  @Authorized('ADMIN')
  @Mutation(() => User)
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: SubgraphContext): Promise<User> {
    return this.service.create(input, ctx.user);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, {
    description:
      'Disables a user: their sessions end, their open WebSockets close, and neither password nor API token authenticates until enableUser.',
  })
  disableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<User> {
    return this.service.disable(id, ctx.user);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, {
    description:
      'Enables a disabled user again (their API tokens work again; sessions ended by disableUser do not).',
  })
  enableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<User> {
    return this.service.enable(id, ctx.user);
  }
}
