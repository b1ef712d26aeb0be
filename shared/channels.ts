import type { Contract, MethodName } from './contract';

/*
 * Every bridge method's channel, without the contract's zod schemas: what the renderer's
 * WebSocket client needs to send a call. Importing contract.ts for its values would build all
 * of its request and response schemas while the page starts (the renderer never validates
 * with them: the privileged side does). The type below makes this table agree with CONTRACT
 * exactly: a method added there and missing here (or a channel spelled differently) is a
 * type error here.
 */

export const CHANNELS = {
  getAppInfo: 'app:get-info',
  listWorkspaces: 'workspaces:list',
  useDemoWorkspace: 'workspaces:use-demo',
  connectWorkspace: 'workspaces:connect',
  startOAuthSignIn: 'workspaces:oauth-start',
  finishOAuthSignIn: 'workspaces:oauth-finish',
  cancelOAuthSignIn: 'workspaces:oauth-cancel',
  signOut: 'workspaces:sign-out',
  connectServicePrincipal: 'workspaces:connect-sp',
  connectOpenAiProvider: 'workspaces:connect-openai',
  listImportableProfiles: 'workspaces:list-importable',
  importProfiles: 'workspaces:import',
  checkWorkspaceHealth: 'workspaces:check-health',
  selectWorkspace: 'workspaces:select',
  removeWorkspace: 'workspaces:remove',
  updateWorkspace: 'workspaces:update',
  findExistingWorkspace: 'workspaces:find-existing',
  setSecret: 'secrets:set',
  removeSecret: 'secrets:remove',
  getSecretStatus: 'secrets:status',
  listEndpoints: 'endpoints:list',
  getEndpoint: 'endpoints:get',
  getEndpointDetails: 'endpoints:get-details',
  getOptimizationInfo: 'endpoints:get-optimization-info',
  createProvisionedEndpoint: 'endpoints:create-pt',
  updateProvisionedEndpoint: 'endpoints:update-pt',
  deleteEndpoint: 'endpoints:delete',
  startChat: 'chat:start',
  startCompletion: 'completion:start',
  createEmbeddings: 'embeddings:create',
  listWarehouses: 'sql:list-warehouses',
  getWarehouse: 'sql:get-warehouse',
  startWarehouse: 'sql:start-warehouse',
  uploadFile: 'files:upload',
  executeStatement: 'sql:execute',
  getStatement: 'sql:get-statement',
  getResultChunk: 'sql:get-result-chunk',
  cancelStatement: 'sql:cancel',
  cancelStream: 'stream:cancel',
} as const satisfies { readonly [M in MethodName]: Contract[M]['channel'] };

/** Every method name of the contract (CONTRACT's keys, in its order). */
export const CHANNEL_METHODS = Object.keys(CHANNELS) as MethodName[];
