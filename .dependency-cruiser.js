/**
 * The layers, checked on every `npm test` (dependency-cruiser):
 *   functions (thin handlers) → the handler factories and use cases
 *   use cases and the job engine → domain, data (one module per aggregate), ports
 *   ports → adapters (the only code besides data that talks to AWS SDKs)
 *   domain → nothing of ours but other domain rules and the configuration
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the load order matter and the layers meaningless. Type-only edges (an adapter naming its port interface) load nothing and do not count.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Domain rules import only other domain rules (and the configuration of their parameters, such as the scrypt cost).',
      from: { path: '^shared/domain/' },
      to: { path: '^(shared|infra|functions|test|bench)/', pathNot: ['^shared/domain/', '^shared/config\\.ts$'] },
    },
    {
      name: 'aws-sdk-only-in-adapters',
      severity: 'error',
      comment: 'Only data modules and adapters call AWS SDKs; everything else goes through them (ports).',
      from: { path: '^(shared|functions)/', pathNot: ['^shared/data/', '^shared/adapters/'] },
      to: { path: '@aws-sdk/' },
    },
    {
      name: 'handlers-are-thin',
      severity: 'error',
      comment: 'A handler names its route and calls its use case; everything else is behind them.',
      from: { path: '^functions/' },
      to: { path: '^shared/', pathNot: ['^shared/http/handler\\.ts$', '^shared/jobs/task-handler\\.ts$', '^shared/jobs/engine\\.ts$', '^shared/use-cases/', '^shared/contract/openapi\\.ts$'] },
    },
    {
      name: 'lower-layers-do-not-reach-up',
      severity: 'error',
      comment: 'Use cases, data and adapters know nothing of HTTP or handlers.',
      from: { path: '^shared/(use-cases|data|adapters|ports|domain)/' },
      to: { path: ['^shared/http/', '^functions/'] },
    },
    {
      name: 'data-does-not-call-use-cases',
      severity: 'error',
      from: { path: '^shared/data/' },
      to: { path: ['^shared/use-cases/', '^shared/jobs/(engine|types)'] },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(shared|functions|infra)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'console-stays-in-the-browser',
      severity: 'error',
      comment: 'The console talks to the API through its typed client; of the server code it shares only plain limits (password length).',
      from: { path: '^console/' },
      to: { path: '^(shared|infra|functions|test|bench)/', pathNot: ['^shared/domain/limits\\.ts$'] },
    },
    {
      name: 'server-code-does-not-import-the-console',
      severity: 'error',
      from: { path: '^(shared|functions|infra)/' },
      to: { path: '^console/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Package subpaths (`@aws-lambda-powertools/logger/middleware`) resolve through `exports`.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'] },
    exclude: { path: ['^cdk\\.out/', '^node_modules/', '^console/dist/'] },
  },
};
