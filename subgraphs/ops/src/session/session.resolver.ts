import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { markSelf } from '../user/user.field-auth.js';
import type { SessionService } from './session.service.js';
import { Session } from './session.type.js';

@Resolver(() => Session)
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Mutation(() => Session, {
    description:
      'Signs in with a password; open to anyone (the only such mutation). Limited per client address and per username: RATE_LIMITED with `retryAfterSeconds`.',
  })
  async login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Session> {
    const session = await this.sessions.login(username, password, {
      requestId: ctx.requestId,
      ...(ctx.clientAddress ? { clientAddress: ctx.clientAddress } : {}),
    });
    // The caller is not signed in yet, but may read their own roles in the answer.
    return { ...session, user: markSelf(session.user) };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Revokes one of the caller's own session tokens." })
  logout(@Arg('token') token: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.sessions.logout(token, ctx.user!.id);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Changes the caller's own password (any signed-in user; the current password is checked under the sign-in limits). Ends the caller's other sessions; the one whose `token` is given stays.",
  })
  changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('token', () => String, {
      nullable: true,
      description: "The caller's session token, to keep it signed in.",
    })
    token?: string | null,
  ): Promise<boolean> {
    return this.sessions.changePassword(ctx.user!, currentPassword, newPassword, token ?? undefined, {
      requestId: ctx.requestId,
      ...(ctx.clientAddress ? { clientAddress: ctx.clientAddress } : {}),
    });
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, {
    description:
      'Ends every session of a user (their open WebSockets close); returns how many were live. API tokens stay: revoke those with revokeApiToken, or disable the user.',
  })
  revokeSessions(@Arg('userId', () => ID) userId: string, @Ctx() ctx: SubgraphContext): Promise<number> {
    return this.sessions.revokeAll(userId, ctx.user);
  }
}
