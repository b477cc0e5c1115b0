import type { GraphQLSchema } from 'graphql';
import type { DcsServices } from './services.js';

/** The services behind each built schema, for subscribe functions (they get no resolver instance). */
export const servicesOfSchema = new WeakMap<GraphQLSchema, DcsServices>();

export function servicesOf(schema: GraphQLSchema): DcsServices {
  const services = servicesOfSchema.get(schema);
  if (!services) throw new Error('dcs schema was built without its services');
  return services;
}
