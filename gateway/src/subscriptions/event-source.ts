import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Stands in for the primary subgraph while one event's plan runs: the primary fetch (matched by
 * its operation text, once) is answered with the event; any later fetch to the same subgraph (an
 * entity hop back into it) goes to the real, signed data source.
 */
export class EventDataSource implements GraphQLDataSource {
  private answered = false;

  constructor(
    private readonly event: Response,
    private readonly primaryOperation: string,
    private readonly real: GraphQLDataSource | undefined,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<Response> {
    if (!this.answered && options.request.query === this.primaryOperation) {
      this.answered = true;
      return this.event;
    }
    if (!this.real) throw new Error('No data source for a follow-up fetch to the primary subgraph');
    return this.real.process(options);
  }
}
