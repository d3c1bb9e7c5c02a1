/**
 * The layers, checked on every `npm test` (dependency-cruiser):
 *   functions (thin handlers) → the handler factories, use cases, and the job engine's entry points
 *   the job engine (shared/jobs) → use cases → domain, data (one module per aggregate), adapters
 *   use cases see the job engine only through its registry (plain data), never its code
 *   ports are interfaces; adapters implement them and are chosen in one place (shared/adapters/index.ts)
 *   data and adapters are the only code that talks to AWS SDKs
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
      to: {
        path: '^shared/',
        pathNot: [
          '^shared/http/handler\\.ts$',
          '^shared/contract/routes/[\\w-]+\\.ts$',
          '^shared/contract/openapi\\.ts$',
          '^shared/jobs/task-handler\\.ts$',
          '^shared/jobs/engine\\.ts$',
          '^shared/jobs/start-job\\.ts$',
          '^shared/use-cases/',
        ],
      },
    },
    {
      name: 'lower-layers-do-not-reach-up',
      severity: 'error',
      comment: 'Use cases, data and adapters know nothing of HTTP or handlers.',
      from: { path: '^shared/(use-cases|data|adapters|ports|domain)/' },
      to: { path: ['^shared/http/', '^functions/'] },
    },
    {
      name: 'use-cases-reach-jobs-only-through-the-registry',
      severity: 'error',
      comment:
        'The job engine runs use cases (its types call them), not the other way round: a use case that imported the engine pulled it, and what it imports, into read-only routes. ' +
        'The registry is plain data.',
      from: { path: '^shared/use-cases/' },
      to: { path: '^shared/jobs/', pathNot: ['^shared/jobs/registry\\.ts$'] },
    },
    {
      name: 'job-registry-is-plain-data',
      severity: 'error',
      comment: 'The route table reads the registry, so whatever it imports lands in every function: only domain rules and the contract\'s building-block schemas.',
      from: { path: '^shared/jobs/registry\\.ts$' },
      to: { path: '^(shared|functions)/', pathNot: ['^shared/domain/', '^shared/contract/schemas\\.ts$'] },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      comment:
        'A port says what the code needs (an interface), never who provides it: it imports types only.',
      from: { path: '^shared/ports/' },
      to: { dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'adapters-are-chosen-in-one-place',
      severity: 'error',
      comment:
        'Only shared/adapters/index.ts picks and caches adapters (from config, or the local runtime\'s useLocalAdapters); everything else asks it. Tests may build an adapter directly. ' +
        'shared/crypto/code-vault.ts still picks its KMS key wrapper itself (not yet moved).',
      from: { path: '^(shared|functions|infra|bench)/', pathNot: ['^shared/adapters/index\\.ts$', '^shared/crypto/code-vault\\.ts$'] },
      to: { path: '^shared/adapters/', pathNot: ['^shared/adapters/index\\.ts$'] },
    },
    {
      name: 'adapters-know-only-their-ports',
      severity: 'error',
      comment: 'An adapter implements a port with an SDK: it imports the port, the configuration and (as types) what the port speaks of, nothing that calls it.',
      from: { path: '^shared/adapters/', pathNot: ['^shared/adapters/index\\.ts$'] },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/ports/', '^shared/config\\.ts$'], dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'data-does-not-use-adapters',
      severity: 'error',
      comment: 'Data modules are the door to DynamoDB and nothing else: no other AWS call goes through them.',
      from: { path: '^shared/data/' },
      to: { path: ['^shared/adapters/', '^shared/ports/'] },
    },
    {
      name: 'read-only-job-routes-stay-light',
      severity: 'error',
      comment: 'Listing and reading jobs loads no token signing (jose) and no password hashing: the layers above once pulled both into these bundles.',
      from: { path: '^functions/admin/(list-jobs|get-job)\\.ts$' },
      to: { path: ['node_modules/jose/', '^shared/domain/passwords\\.ts$', '^shared/auth/', '^shared/adapters/', '^shared/jobs/(?!registry\\.ts$)'], reachable: true },
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
