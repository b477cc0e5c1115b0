import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { OusAction, OusActionBlock } from './ous-available-actions.js';

registerEnumType(OusAction, {
  name: 'OusAction',
  description: 'A human move of the lifecycle; each is the mutation of the same name.',
});
registerEnumType(OusActionBlock, {
  name: 'OusActionBlock',
  description: 'What stops an action now.',
  valuesConfig: {
    STATE: { description: 'The state machine has no such move from the current state.' },
    GUARD: { description: 'The move exists from this state, but a condition is not met yet.' },
    ROLE: { description: "The move is legal now, but not for the caller's role." },
  },
});

@ObjectType({ description: 'An action and whether the caller may take it now (a dry run of its mutation).' })
export class OusAvailableAction {
  @Field(() => OusAction)
  action: OusAction;

  @Field({ description: 'True when the mutation would be accepted now.' })
  allowed: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in the words of the refusal.' })
  reason: string | null;

  @Field(() => OusActionBlock, { nullable: true, description: 'What refuses it; null when allowed.' })
  blockedBy: OusActionBlock | null;
}
