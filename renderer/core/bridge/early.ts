import { getStudioApi } from './index';

/*
 * Imported first by main.tsx, so it runs before the rest of the app's modules are evaluated:
 * the bridge starts connecting and the workspaces are asked for while the page is still busy
 * running its start-up code (in browser mode the call goes out the moment the socket opens).
 * The workspace store takes this answer instead of asking again (core/boot.ts).
 */
export const earlyWorkspaces: ReturnType<ReturnType<typeof getStudioApi>['listWorkspaces']> =
  getStudioApi().listWorkspaces();
