import { getStudioApi } from './index';

/*
 * Imported first by main.tsx, so it runs before the rest of the app's modules are evaluated:
 * the bridge starts connecting and the workspaces are asked for while the page is still busy
 * running its start-up code (in browser mode the call goes out the moment the socket opens).
 * The workspace store takes this answer instead of asking again (core/boot.ts).
 */
const api = getStudioApi();

export const earlyWorkspaces: ReturnType<typeof api.listWorkspaces> = api.listWorkspaces();

/**
 * The current workspace's endpoints, asked in the same breath rather than one round trip
 * later: the call names no workspace (the host lists its current one), so it need not wait
 * for the workspaces' answer. Used when that answer has a current workspace (core/boot.ts);
 * without one it answers NOT_CONFIGURED, and nothing reads it.
 */
export const earlyEndpoints: ReturnType<typeof api.listEndpoints> = api.listEndpoints();
