import {
  buildSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What one operation costs, statically, before anything runs: every object the gateway would have
 * to produce counts 1, multiplied by the sizes of the lists around it; a `totalCount` is a COUNT(*)
 * per connection; a hop into another subgraph (an entity fetch) costs extra per object it resolves.
 * List sizes come from `first` (a connection's page size: its `edges`/`nodes`), from what the
 * subgraphs document as their caps, or from a default for lists without a bound.
 */
export interface CostWeights {
  /** Each object (a field with a selection set), per instance. */
  object: number;
  /** `totalCount` on a connection: a COUNT(*) per instance. */
  totalCount: number;
  /** Resolving an object's fields in another subgraph (an entity fetch), per instance and subgraph. */
  entityHop: number;
  /** A list with no argument and no documented cap. */
  defaultListSize: number;
  /** `first` when omitted (the subgraphs' `pageArgs` default). */
  defaultPageSize: number;
  /** `first` given by a variable whose value is unknown (subscriptions are checked without it). */
  maxPageSize: number;
}

export const DEFAULT_COST_WEIGHTS: CostWeights = {
  object: 1,
  totalCount: 10,
  entityHop: 5,
  defaultListSize: 20,
  defaultPageSize: 50,
  maxPageSize: 500,
};

type Args = Record<string, unknown>;

/** Lists whose size the subgraphs bound differently from the defaults (see their schema docs). */
const LIST_SIZES: Record<string, (args: Args, w: CostWeights) => number> = {
  /** "Newest first (at most 500)". */
  'Query.alarms': () => 500,
  /** "At most this many hits (1–1000, default 100)". */
  'Query.coneSearch': (args) => page(args['first'], 100, 1000),
  /** Buckets between from and to; the service picks ≤ 500 without bucketSeconds and caps at 20 000. */
  'Device.series': (args) => seriesBuckets(args),
  // What the caller may do now: one entry per command or move, a small fixed set.
  'Alarm.controls': () => 1,
  'Device.controls': () => 4,
  'PowerSupply.controls': () => 4,
  'ObsUnitSet.availableActions': () => 8,
  /** One count per OUS state. */
  'Query.obsUnitSetCounts': () => 10,
};

/** Scalars that cost more than reading a column. */
const FIELD_WEIGHTS: Record<string, number> = {
  /** Falls back to paging up to 20 000 completed jobs when BullMQ has no metrics. */
  'Queue.throughputPerMinute': 50,
  'Query.deadLetterCount': 10,
};

function page(value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) return max;
  return Math.min(Math.max(1, Math.floor(value)), max);
}

function seriesBuckets(args: Args): number {
  const MAX = 20_000;
  const from = typeof args['from'] === 'string' ? Date.parse(args['from']) : NaN;
  const to = typeof args['to'] === 'string' ? Date.parse(args['to']) : NaN;
  const span = (to - from) / 1000;
  const bucket = args['bucketSeconds'];
  // Without bucketSeconds the service sizes buckets for 500 points over any range.
  if (bucket === undefined || bucket === null) return 500;
  if (typeof bucket !== 'number' || !(bucket > 0) || !Number.isFinite(span)) return MAX;
  return Math.min(Math.max(1, Math.ceil(span / bucket)), MAX);
}

/** The value of an argument node, with variables substituted; `undefined` when unknown. */
function valueOf(node: ValueNode, variables: Args | undefined): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      // Without the request's variables (a subscription checked before they are coerced) assume the worst.
      return variables ? variables[node.name.value] : UNKNOWN;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      return UNKNOWN;
  }
}

/** A variable the caller did not give (counts as the worst case). */
const UNKNOWN = Symbol('unknown');

function argsOf(nodes: readonly ArgumentNode[] | undefined, variables: Args | undefined): Args {
  const args: Args = {};
  for (const a of nodes ?? []) {
    const v = valueOf(a.value, variables);
    args[a.name.value] = v === UNKNOWN ? Number.NaN : v;
  }
  return args;
}

const enumArg = (d: ConstDirectiveNode, name: string): string | undefined => {
  const arg = d.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.ENUM ? arg.value.value : undefined;
};
const boolArg = (d: ConstDirectiveNode, name: string): boolean =>
  d.arguments?.some((a) => a.name.value === name && a.value.kind === Kind.BOOLEAN && a.value.value) ?? false;

type Composite = Extract<GraphQLNamedType, { getFields: unknown }>;
const hasFields = (t: GraphQLNamedType | undefined): t is Composite => !!t && 'getFields' in t;

/** The query cost of documents against one supergraph (built once per gateway). */
export class CostModel {
  private readonly typeGraphs = new Map<string, Set<string>>();
  private readonly fieldGraphs = new Map<string, Set<string>>();

  private constructor(
    private readonly schema: GraphQLSchema,
    readonly weights: CostWeights,
  ) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const typeDirectives = [type.astNode, ...(type.extensionASTNodes ?? [])].flatMap(
        (n) => n?.directives ?? [],
      );
      const graphs = new Set(
        typeDirectives.filter((d) => d.name.value === 'join__type').flatMap((d) => enumArg(d, 'graph') ?? []),
      );
      this.typeGraphs.set(type.name, graphs);
      for (const field of Object.values(type.getFields())) {
        const own = (field.astNode?.directives ?? [])
          .filter((d) => d.name.value === 'join__field' && !boolArg(d, 'external'))
          .flatMap((d) => enumArg(d, 'graph') ?? []);
        if (own.length > 0) this.fieldGraphs.set(`${type.name}.${field.name}`, new Set(own));
      }
    }
  }

  /** From the supergraph SDL the gateway serves (its `join__*` directives say which subgraph owns what). */
  static fromSupergraph(supergraphSdl: string, weights: Partial<CostWeights> = {}): CostModel {
    return new CostModel(buildSchema(supergraphSdl, { assumeValidSDL: true }), {
      ...DEFAULT_COST_WEIGHTS,
      ...weights,
    });
  }

  /** The cost of the costliest operation in the document (the one a client could run). */
  cost(document: DocumentNode, variables?: Args): number {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let worst = 0;
    for (const d of document.definitions) {
      if (d.kind !== Kind.OPERATION_DEFINITION) continue;
      const root =
        d.operation === 'query'
          ? this.schema.getQueryType()
          : d.operation === 'mutation'
            ? this.schema.getMutationType()
            : this.schema.getSubscriptionType();
      if (!root) continue;
      const walk = new Walk(this, fragments, variables);
      worst = Math.max(worst, walk.selectionCost(d.selectionSet, root, 1, undefined, undefined));
    }
    return worst;
  }

  /** The subgraphs that resolve `type.field` (its own `@join__field`s, else its type's). */
  graphsOf(type: Composite, field: string): Set<string> | undefined {
    const own = this.fieldGraphs.get(`${type.name}.${field}`);
    if (own) return own;
    const graphs = this.typeGraphs.get(type.name);
    return graphs && graphs.size > 0 ? graphs : undefined;
  }

  typeNamed(name: string): GraphQLNamedType | undefined {
    return this.schema.getType(name) ?? undefined;
  }
}

class Walk {
  private readonly visiting = new Set<string>();

  constructor(
    private readonly model: CostModel,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Args | undefined,
  ) {}

  /**
   * `instances`: how many times this selection set is produced. `graphs`: the subgraphs the parent
   * object is being resolved in (a field none of them owns is an entity hop). `pageSize`: the page
   * size of the connection this set belongs to, for its `edges`/`nodes` lists.
   */
  selectionCost(
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    instances: number,
    graphs: Set<string> | undefined,
    pageSize: number | undefined,
  ): number {
    const w = this.model.weights;
    let cost = 0;
    const hops = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.model.typeNamed(selection.typeCondition.name.value)
          : parent;
        if (type) cost += this.selectionCost(selection.selectionSet, type, instances, graphs, pageSize);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        // Unknown or cyclic spreads are validation errors reported elsewhere.
        if (!fragment || this.visiting.has(name)) continue;
        const type = this.model.typeNamed(fragment.typeCondition.name.value);
        if (!type) continue;
        this.visiting.add(name);
        cost += this.selectionCost(fragment.selectionSet, type, instances, graphs, pageSize);
        this.visiting.delete(name);
        continue;
      }
      cost += this.fieldCost(selection, parent, instances, graphs, pageSize, hops);
    }
    return cost + hops.size * instances * w.entityHop;
  }

  private fieldCost(
    node: FieldNode,
    parent: GraphQLNamedType,
    instances: number,
    graphs: Set<string> | undefined,
    pageSize: number | undefined,
    hops: Set<string>,
  ): number {
    const w = this.model.weights;
    const name = node.name.value;
    // __typename is free; introspection is bounded by the schema (and off in production).
    if (name.startsWith('__') || !hasFields(parent)) return 0;
    const field = parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    if (!field) return 0;

    const owners = this.model.graphsOf(parent, name);
    let childGraphs = owners ?? graphs;
    if (graphs && owners) {
      const shared = [...graphs].filter((g) => owners.has(g));
      if (shared.length === 0) hops.add([...owners].sort().join('|'));
      else childGraphs = new Set(shared);
    }

    const key = `${parent.name}.${name}`;
    if (name === 'totalCount') return instances * w.totalCount;
    const named = getNamedType(field.type);
    const args = argsOf(node.arguments, this.variables);
    if (!node.selectionSet || isLeafType(named)) return instances * (FIELD_WEIGHTS[key] ?? 0);

    const hasPageArgs = field.args.some((a) => a.name === 'first');
    const isList = isListType(getNullableType(field.type));
    let produced = instances;
    let childPageSize: number | undefined;
    if (isList) {
      const size =
        LIST_SIZES[key]?.(args, w) ??
        (hasPageArgs ? page(args['first'], w.defaultPageSize, w.maxPageSize) : undefined) ??
        ((name === 'edges' || name === 'nodes') && pageSize !== undefined ? pageSize : w.defaultListSize);
      produced = instances * size;
    } else if (hasPageArgs) {
      // A connection: its page size applies to its edges/nodes.
      childPageSize = page(args['first'], w.defaultPageSize, w.maxPageSize);
    }
    return (
      produced * (w.object + (FIELD_WEIGHTS[key] ?? 0)) +
      this.selectionCost(node.selectionSet, named, produced, childGraphs, childPageSize)
    );
  }
}
