import type { ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, Query, Resolver } from 'type-graphql';
import type { ControlRoomAuditService } from './control-room-audit.service.js';
import {
  ControlRoomAuditArgs,
  ControlRoomAuditConnection,
  ControlRoomAuditEntry,
} from './control-room-audit.type.js';

@Resolver(() => ControlRoomAuditEntry)
export class ControlRoomAuditResolver {
  constructor(private readonly audit: ControlRoomAuditService) {}

  @Authorized('ADMIN')
  @Query(() => ControlRoomAuditConnection, {
    description: 'The control-room calls, newest first, refused ones too (ADMIN).',
  })
  controlRoomAudit(@Args() args: ControlRoomAuditArgs): Promise<ConnectionShape<ControlRoomAuditEntry>> {
    return this.audit.page(args);
  }
}
