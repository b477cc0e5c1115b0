import {
  loaderFor,
  PageArgs,
  subscribeOn,
  type ConnectionShape,
  type SubgraphContext,
} from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Info,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { BrokerMessageService } from '../broker/broker-message.service.js';
import type { DiaObjectService } from '../dia-object/dia-object.service.js';
import { DiaObject, DiaObjectConnection } from '../dia-object/dia-object.type.js';
import type { ClassificationService } from './classification.service.js';
import {
  BrokerClassifier,
  Classification,
  ClassificationAddedArgs,
  ClassificationsArgs,
} from './classification.type.js';

@ArgsType()
export class HotTransientsArgs extends PageArgs {
  @Field(() => Float, { description: 'Objects with a detection at or after this MJD (TAI).' })
  detectedSinceMjd: number;
}

/** DiaObject.classifications, hotTransients and the classificationAdded feed. */
@Resolver(() => DiaObject)
export class ObjectClassificationResolver {
  constructor(
    private readonly service: ClassificationService,
    private readonly objects: DiaObjectService,
  ) {}

  @FieldResolver(() => [Classification], {
    description:
      "The object's classifications, one entry per class: by default each classifier's latest message " +
      '(by elasticcPublishTimestamp, most probable class first); with history, every message, oldest first.',
  })
  async classifications(
    @Root() object: DiaObject,
    @Args() { history }: ClassificationsArgs,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Classification[]> {
    if (history) return this.service.history(object.id);
    const loader = loaderFor(ctx, info, 'latest-classifications', (ids: string[]) =>
      this.service.latestByObjects(ids),
    );
    return (await loader.load(object.id)) ?? [];
  }

  @Authorized()
  @Query(() => DiaObjectConnection, {
    description:
      'Objects detected at or after an MJD (their last detection), in ascending diaObjectId order.',
  })
  hotTransients(@Args() args: HotTransientsArgs): Promise<ConnectionShape<DiaObject>> {
    return this.objects.page(args, { lastDetectionMjd: { from: args.detectedSinceMjd } });
  }

  @Authorized()
  @Subscription(() => Classification, {
    description:
      'Classification entries as brokers submit them, only those the arguments keep (checked on the server).',
    subscribe: subscribeOn(
      () => ObjectClassificationResolver,
      (resolver, args: ClassificationAddedArgs) => resolver.service.subscribe(args, args.after),
    ),
  })
  classificationAdded(@Root() entry: Classification, @Args() _args: ClassificationAddedArgs): Classification {
    return entry;
  }
}

@Resolver(() => Classification)
export class ClassificationResolver {
  constructor(private readonly brokers: BrokerMessageService) {}

  @FieldResolver(() => BrokerClassifier)
  async classifier(
    @Root() entry: Classification,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BrokerClassifier> {
    const found = await loaderFor(ctx, info, 'classifier', (ids: string[]) =>
      this.brokers.classifiersByIds(ids),
    ).load(entry.classifierId);
    if (!found) throw new Error(`classifier ${entry.classifierId} missing`);
    return found;
  }
}
