import { describe, expect, it } from 'vitest';
import { defaultUserDataDir } from '../../../../../electron/services/storage/user-data-dir';

describe('defaultUserDataDir', () => {
  it('matches the folder Electron uses on each OS', () => {
    expect(defaultUserDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Serving Studio');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Serving Studio');
    expect(defaultUserDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Serving Studio',
    );
    expect(
      defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Serving Studio');
  });
});
