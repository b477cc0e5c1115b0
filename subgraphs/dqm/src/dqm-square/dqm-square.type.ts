import { Connection } from '@opshub/subgraph-kit';
import { Authorized, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Cluster {
  PRODUCTION = 'PRODUCTION',
  PLAYBACK = 'PLAYBACK',
}
registerEnumType(Cluster, { name: 'Cluster', description: 'The DQM² cluster an agent belongs to.' });

export enum DqmJobState {
  RUNNING = 'RUNNING',
  FINISHED = 'FINISHED',
  CRASHED = 'CRASHED',
  STUCK = 'STUCK',
}
registerEnumType(DqmJobState, {
  name: 'DqmJobState',
  description:
    'As the mirror derives it: CRASHED exit ≠ 0, FINISHED exit 0, STUCK running without an update for > 900 s.',
});

@ObjectType({ description: "A DQM machine's agent, synced by the workers. Its host name is never stored." })
export class DqmHost {
  @Field(() => ID)
  id: string;

  @Field({ description: "The machine's stable pseudonym (fu-07); agent-NN until its first sync." })
  name: string;

  @Field(() => Cluster)
  cluster: Cluster;

  @Field()
  up: boolean;

  @Field(() => Date, { nullable: true })
  lastSyncAt: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: "Age of the agent's newest document at the last sync, s.",
  })
  lagSeconds: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last sync failed; null once one succeeds.' })
  error: string | null;

  @Field(() => Int, { description: 'Consecutive failed syncs (the backoff doubles with each).' })
  failures: number;

  @Field(() => Date, { nullable: true, description: 'No sync before this (exponential backoff).' })
  backoffUntil: Date | null;

  @Authorized('ADMIN')
  @Field(() => String, {
    nullable: true,
    description: "The agent's base URL (it names the host): ADMIN only.",
  })
  url: string | null;

  @Field({ description: 'Whether a control-room secret is set (the secret itself is never returned).' })
  controllable: boolean;
}

@ObjectType({
  description: 'A DQM job (a dqm-source-state document), redacted: no host name, path or command line.',
})
export class DqmJob {
  @Field(() => ID, { description: 'run<R>-<host>-pid<P>.' })
  id: string;

  @Field({ description: "The pseudonym of the job's machine." })
  host: string;

  @Field(() => Cluster)
  cluster: Cluster;

  @Field({ description: "The DQM client's name (its _cfg.py without path or suffix)." })
  client: string;

  @Field(() => Int)
  run: number;

  @Field(() => DqmJobState)
  state: DqmJobState;

  @Field(() => Int, { nullable: true })
  exitCode: number | null;

  @Field(() => Float, { description: 'Events processed (a Float: it may pass 2^31).' })
  eventsTotal: number;

  @Field(() => Float)
  eventsRate: number;

  @Field(() => Int, { nullable: true })
  lumisection: number | null;

  @Field(() => String, { nullable: true })
  runKey: string | null;

  @Field(() => String, { nullable: true })
  cmsswVersion: string | null;

  @Field(() => Int, { nullable: true, description: 'Resident memory (VmRSS), kB.' })
  memoryKb: number | null;

  @Field({ description: "The document's own timestamp." })
  updatedAt: Date;

  @Field({ description: 'Running, and not updated for > 900 s ("probably stuck").' })
  stuck: boolean;

  @Authorized('ADMIN')
  @Field(() => String, {
    nullable: true,
    description: 'Log head, only kept with DQM_SQUARE_KEEP_LOGS (redacted).',
  })
  logHead: string | null;

  @Authorized('ADMIN')
  @Field(() => String, { nullable: true, description: 'Log tail, as logHead.' })
  logTail: string | null;
}

@ObjectType()
export class DqmJobCounts {
  @Field(() => Int)
  running: number;

  @Field(() => Int)
  finished: number;

  @Field(() => Int)
  crashed: number;

  @Field(() => Int)
  stuck: number;
}

@ObjectType({ description: "One lumisection's file of one stream (from the BU's dqm-files document)." })
export class DqmStreamDelivery {
  @Field()
  stream: string;

  @Field(() => Int)
  lumisection: number;

  @Field(() => Float, { description: 'How late after the lumisection ended the file was written, s.' })
  delaySeconds: number;

  @Field(() => Int)
  acceptedEvents: number;
}

@ObjectType({ description: 'A run as the DQM² mirror shows it.' })
export class DqmSquareRun {
  @Field(() => Int)
  run: number;

  @Field(() => String, {
    nullable: true,
    description: 'The CMSSW release of its jobs (the first, if several).',
  })
  cmsswVersion: string | null;

  @Field(() => [String])
  cmsswVersions: string[];

  @Field(() => String, { nullable: true })
  runKey: string | null;

  @Field(() => DqmJobCounts)
  jobCounts: DqmJobCounts;

  @Field(() => [DqmStreamDelivery], {
    description: 'Per stream and lumisection, in stream then lumisection order.',
  })
  deliveries: DqmStreamDelivery[];
}

@ObjectType()
export class ControlRoomResult {
  @Field({ description: 'Whether the agent carried the action out (HTTP 2xx).' })
  ok: boolean;

  @Field({ description: "The agent's answer, redacted (host names → pseudonyms, paths → file names)." })
  output: string;

  @Field(() => ID)
  auditId: string;
}

@ObjectType({
  description: "A run on the DQM² run timeline: its jobs' outcome and whether it processed data.",
})
export class DqmRunSummary {
  @Field(() => Int)
  run: number;

  @Field(() => Int)
  jobs: number;

  @Field(() => Int)
  finished: number;

  @Field(() => Int, { description: 'Jobs whose exit code is not 0.' })
  crashed: number;

  @Field({ description: 'A job with an exit code ≠ 0.' })
  bad: boolean;

  @Field({ description: 'A job past lumisection 0, or files delivered.' })
  hasLumisections: boolean;

  @Field(() => Int, { nullable: true })
  maxLumisection: number | null;

  @Field({ description: "The first job document's time." })
  firstUpdate: Date;

  @Field()
  lastUpdate: Date;
}

export const DqmRunSummaryConnection = Connection(DqmRunSummary, 'DqmRunSummary');
