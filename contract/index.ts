// The issuer contract: schemas with their inferred types, the routes and the endpoint table.
// The OpenAPI generator (./openapi) is not re-exported here: it pulls in
// @valibot/to-json-schema, a build-time tool the mini-program bundles must not carry.
export * from './endpoints'
export * from './routes'
export * from './schemas'
