import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ClassificationService } from '../classification/classification.service.js';
import { BrokerClassifier, BrokerFigures, BrokerFiguresArgs } from '../classification/classification.type.js';
import type { BrokerMessageService } from './broker-message.service.js';
import { BrokerMessageInput, SubmitResult } from './broker-message.type.js';

@Resolver()
export class BrokerMessageResolver {
  constructor(
    private readonly brokers: BrokerMessageService,
    private readonly classifications: ClassificationService,
  ) {}

  @Authorized('BROKER')
  @Mutation(() => SubmitResult, {
    description:
      'Stores broker classifications (BROKER): refused records are listed with their reason, the rest stored; ' +
      'a message already stored (same alert, classifier and classes) is counted as a duplicate.',
  })
  async submitBrokerMessages(
    @Arg('messages', () => [BrokerMessageInput]) messages: BrokerMessageInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<SubmitResult> {
    const { brokerMessageId, numLoaded, duplicates, rejected } = await this.brokers.submit(
      messages,
      ctx.user,
    );
    return { brokerMessageId, numLoaded, duplicates, rejected };
  }

  @Authorized()
  @Query(() => [BrokerClassifier], { description: 'Every classifier seen, by broker and name.' })
  classifiers(): Promise<BrokerClassifier[]> {
    return this.brokers.classifiers();
  }

  @Authorized()
  @Query(() => [BrokerFigures], {
    description: 'Per classifier: messages, duplicates, delay from alert to classification, completeness.',
  })
  brokerFigures(@Args() { since }: BrokerFiguresArgs): Promise<BrokerFigures[]> {
    return this.classifications.figures(since ?? null);
  }
}
