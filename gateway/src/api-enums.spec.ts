// The database enums are the API's enums: every one of them is a GraphQL enum of the same name whose
// values are its keys, in order, so a value added to prisma/schema cannot be forgotten in the API
// (the committed API schema is drift-checked against the subgraphs by `npm run check:generated`).
import { readFileSync } from 'node:fs';
import * as dbEnums from '@opshub/db/enums';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';

const api = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

const DATABASE_ENUMS = {
  AlarmSeverity: dbEnums.AlarmSeverity,
  CommandStatus: dbEnums.CommandStatus,
  DeviceKind: dbEnums.DeviceKind,
  Executive: dbEnums.Executive,
  OusState: dbEnums.OusState,
  ProductKind: dbEnums.ProductKind,
  Role: dbEnums.Role,
  SqlRunState: dbEnums.SqlRunState,
};

describe('the API enums', () => {
  it('names every enum the database package exports', () => {
    const exported = Object.keys(dbEnums).filter((k) => /^[A-Z][a-z]/.test(k));
    expect(exported.sort()).toEqual(Object.keys(DATABASE_ENUMS).sort());
  });

  it.each(Object.entries(DATABASE_ENUMS))('%s has the database enum keys as its values', (name, values) => {
    const type = api.getType(name);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    expect((type as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(Object.keys(values));
    // type-graphql serialises the enum's values: they are the keys, as the API spells them.
    expect(Object.values(values)).toEqual(Object.keys(values));
  });
});
