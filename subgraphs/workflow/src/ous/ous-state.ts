import { registerEnumType } from 'type-graphql';

/** OUS lifecycle states; GraphQL names in SCREAMING_SNAKE_CASE, stored values as ALMA names them. */
export enum OusState {
  FULLY_OBSERVED = 'FullyObserved',
  READY_FOR_PROCESSING = 'ReadyForProcessing',
  PROCESSING = 'Processing',
  PROCESSING_PROBLEM = 'ProcessingProblem',
  READY_FOR_REVIEW = 'ReadyForReview',
  REVIEWING = 'Reviewing',
  VERIFIED = 'Verified',
  DELIVERY_IN_PROGRESS = 'DeliveryInProgress',
  DELIVERED = 'Delivered',
  QA3_IN_PROGRESS = 'QA3InProgress',
}

export enum Executive {
  EA = 'EA',
  EU = 'EU',
  NA = 'NA',
  JAO = 'JAO',
}

registerEnumType(OusState, {
  name: 'OusState',
  description: 'Where an ObsUnitSet is in its data-reduction lifecycle.',
});
registerEnumType(Executive, {
  name: 'Executive',
  description: 'The ALMA executive whose ARC reduces the data.',
});
