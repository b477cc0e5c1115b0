import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SessionService } from './session.service.js';
import { Session } from './session.type.js';

@Resolver(() => Session)
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Mutation(() => Session, {
    description: 'Signs in with a password; open to anyone (the only such mutation).',
  })
  login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Session> {
    return this.sessions.login(username, password, ctx.requestId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Revokes one of the caller's own session tokens." })
  logout(@Arg('token') token: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.sessions.logout(token, ctx.user!.id);
  }
}
