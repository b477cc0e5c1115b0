import { SqlRunState } from '@opshub/db/enums';
import { Connection, JSONScalar } from '@opshub/subgraph-kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(SqlRunState, {
  name: 'SqlRunState',
  description:
    'Where a submitted SQL run is: QUEUED, RUNNING, then SUCCEEDED (files ready) or FAILED (error says why).',
});

@ObjectType({ description: 'A column of a read-only SQL result.' })
export class SqlColumn {
  @Field()
  name: string;

  @Field({ description: "Postgres' name of its type (bigint, double precision, timestamp with time zone…)." })
  type: string;
}

@ObjectType({
  description:
    'Rows of a read-only SQL query, each an array in column order. bigint and numeric values are exact decimal strings; ' +
    'other numbers are numbers; timestamps ISO 8601 (UTC); json as JSON; arrays as arrays.',
})
export class SqlResult {
  @Field(() => [SqlColumn])
  columns: SqlColumn[];

  @Field(() => [JSONScalar])
  rows: unknown[][];

  @Field(() => Int, { description: 'Rows returned (at most ALERTS_SQL_MAX_ROWS).' })
  rowCount: number;

  @Field({
    description: 'True when the query had more rows than the cap: submit it as a run for all of them.',
  })
  truncated: boolean;

  @Field(() => Float)
  elapsedMs: number;
}

@ObjectType({ description: 'A read-only SQL query run as a job, its rows written as CSV and JSON files.' })
export class SqlRun {
  @Field(() => ID)
  id: string;

  @Field(() => SqlRunState)
  state: SqlRunState;

  @Field()
  query: string;

  @Field(() => [JSONScalar], { description: 'The bind parameters ($1, $2, …) as submitted.' })
  params: unknown[];

  @Field()
  submittedAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Rows written, once SUCCEEDED.' })
  rowCount: number | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED.' })
  error: string | null;

  @Field(() => String, { nullable: true, description: "The failure's code (BAD_USER_INPUT, FORBIDDEN…)." })
  errorCode: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Its rows as CSV (a header line), once SUCCEEDED: a path on the hub, for its owner or an admin.',
  })
  csvUrl: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its rows as a JSON array of {column: value} objects (bigints exact), once SUCCEEDED.',
  })
  jsonUrl: string | null;
}

export const SqlRunConnection = Connection(SqlRun, 'SqlRun');
