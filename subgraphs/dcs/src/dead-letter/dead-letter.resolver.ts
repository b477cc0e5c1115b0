import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, Int, Query, Resolver } from 'type-graphql';
import type { DeadLetterService } from './dead-letter.service.js';
import { DeadLetter, DeadLetterConnection } from './dead-letter.type.js';

@Resolver(() => DeadLetter)
export class DeadLetterResolver {
  constructor(private readonly letters: DeadLetterService) {}

  @Authorized()
  @Query(() => DeadLetterConnection, { description: 'MQTT messages the bridge could not use, newest first.' })
  deadLetters(@Args() args: PageArgs): Promise<ConnectionShape<DeadLetter>> {
    return this.letters.page(args);
  }

  @Authorized()
  @Query(() => Int, { description: 'How many messages were dead-lettered, ever.' })
  deadLetterCount(): Promise<number> {
    return this.letters.count();
  }
}
