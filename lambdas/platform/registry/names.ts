/**
 * The names handlers share with `lib/` and `local/`: environment variables and the data bucket's working
 * prefixes. Kept apart from the function catalog, so a handler's bundle carries names, not the catalog.
 */

/** The data bucket's working prefixes, shared by handlers, grants and the local runtime. */
export const bucketPrefixes = {
  results: 'results/',
  quarantine: 'quarantine/',
  extractions: 'extractions/',
} as const;

/** Environment variable names shared by `lib/`, `local/` and the handlers. */
export const envVars = {
  bucket: 'DATA_BUCKET',
  stateMachines: 'STATE_MACHINES',
  workflowVersions: 'WORKFLOW_VERSIONS',
  sender: 'SENDER_ADDRESS',
  approvalBaseUrl: 'APPROVAL_BASE_URL',
  approvalPolicies: 'APPROVAL_POLICIES',
  intakePrefixes: 'INTAKE_PREFIXES',
  ruleParameters: 'RULE_PARAMETERS',
  textractTopic: 'TEXTRACT_TOPIC_ARN',
  textractRole: 'TEXTRACT_ROLE_ARN',
  textractRates: 'TEXTRACT_RATES',
  queueUrl: 'QUEUE_URL',
  activeContentPolicy: 'ACTIVE_CONTENT_POLICY',
} as const;
