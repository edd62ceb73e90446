import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType } from 'graphql';

/**
 * Every type, field, argument and enum value of the schema clients see, with
 * whether it has a description: the list a front-end developer reads in their
 * editor. `schema/api.graphql` is drift-tested against the code
 * (composition.test.ts), so this checks the decorators in the subgraphs.
 */
export function describedParts(sdl: string): { part: string; described: boolean }[] {
  const schema = buildSchema(sdl);
  const parts: { part: string; described: boolean }[] = [];
  const has = (description: string | null | undefined) => Boolean(description?.trim());
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    // The root types are containers; their fields carry the meaning.
    const root = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type as never);
    if (!root) parts.push({ part: `type ${type.name}`, described: has(type.description) });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        parts.push({ part: `field ${type.name}.${field.name}`, described: has(field.description) });
        for (const arg of field.args) parts.push({ part: `argument ${type.name}.${field.name}(${arg.name})`, described: has(arg.description) });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) parts.push({ part: `field ${type.name}.${field.name}`, described: has(field.description) });
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) parts.push({ part: `enum value ${type.name}.${value.name}`, described: has(value.description) });
    }
  }
  return parts;
}
