import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiTokenService } from './api-token.service.js';
import { ApiToken, CreatedApiToken } from './api-token.type.js';

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Authorized('ADMIN')
  @Query(() => [ApiToken])
  apiTokens(@Arg('username', () => String, { nullable: true }) username?: string): Promise<ApiToken[]> {
    return this.tokens.list(username);
  }

  @Authorized('ADMIN')
  @Mutation(() => CreatedApiToken)
  createApiToken(
    @Arg('username') username: string,
    @Arg('name') name: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('expiresAt', () => Date, { nullable: true, description: 'The token stops working at this instant.' })
    expiresAt?: Date | null,
    @Arg('expiresInDays', () => Int, {
      nullable: true,
      description: 'The token stops working after this many days.',
    })
    expiresInDays?: number | null,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(username, name, ctx.user, { expiresAt, expiresInDays });
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiToken)
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ApiToken> {
    return this.tokens.revoke(id, ctx.user);
  }
}
