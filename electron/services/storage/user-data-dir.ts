import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** The app's folder name, the same as Electron derives from package.json's productName. */
export const APP_FOLDER = 'Serving Studio';

/**
 * The folder Electron's `app.getPath('userData')` would use, so browser mode and the desktop
 * app share profiles: ~/.config/Serving Studio (or $XDG_CONFIG_HOME) on Linux,
 * ~/Library/Application Support/Serving Studio on macOS, %APPDATA%\Serving Studio on Windows.
 */
export const defaultUserDataDir = (
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string => {
  if (platform === 'win32') {
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
};
