import { Connection, JSONScalar, PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { ControlRoomAction } from './dqm-square.resolver.js';
import { DqmHost } from './dqm-square.type.js';

@ObjectType({
  description: 'One control-room call as audited: who asked what of which agent, and what came of it.',
})
export class ControlRoomAuditEntry {
  @Field(() => ID, { description: 'The auditId the controlRoom mutation returned.' })
  id: string;

  @Field()
  at: Date;

  @Field({ description: 'The username of the ADMIN who called.' })
  actor: string;

  @Field(() => DqmHost, {
    nullable: true,
    description: 'Null when the agent was unknown or has been removed.',
  })
  host: DqmHost | null;

  @Field(() => ControlRoomAction)
  action: ControlRoomAction;

  @Field(() => JSONScalar, { description: 'The arguments as validated (empty when they were refused).' })
  args: unknown;

  @Field({ description: 'Whether the agent carried the action out.' })
  ok: boolean;

  @Field({
    description: "The agent's answer, redacted, or why the call was refused (at most 4,000 characters).",
  })
  output: string;

  @Field(() => Int)
  durationMs: number;
}

export const ControlRoomAuditConnection = Connection(ControlRoomAuditEntry, 'ControlRoomAuditEntry');

@ArgsType()
export class ControlRoomAuditArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the calls to this agent (a DqmHost id).' })
  host?: string | null;
}
