import { DemoHttpError } from './http-util';

/**
 * Unity Catalog volumes for the demo's Files API (`/api/2.0/fs/files/Volumes/…`), kept in
 * memory. `main.default.evaluations` is writable; `main.default.reference` is read-only (a PUT
 * answers 403 PERMISSION_DENIED). An unknown catalog, schema or volume answers 404 NOT_FOUND
 * naming the missing part, as Databricks does.
 */

/** The largest file the demo keeps (Databricks' single PUT takes up to 5 GiB). */
export const MAX_VOLUME_FILE_BYTES = 128 * 1024 * 1024;

/** Known catalogs → schemas → volumes (`true`: writable). */
const CATALOG: Record<string, Record<string, Record<string, boolean>>> = {
  main: { default: { evaluations: true, reference: false } },
};

/** Catalog.schema pairs where tables may be created. */
export function schemaExists(catalog: string, schema: string): boolean {
  return CATALOG[catalog]?.[schema] !== undefined;
}

/** The parts of a volume file path; refuses `.`/`..`/empty segments. */
export function splitVolumePath(path: string): {
  catalog: string;
  schema: string;
  volume: string;
  file: string;
} {
  if (!path.startsWith('/Volumes/'))
    throw new DemoHttpError(400, 'INVALID_PARAMETER_VALUE', `Path must start with /Volumes/: ${path}`);
  const segments = path.slice('/Volumes/'.length).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    throw new DemoHttpError(400, 'INVALID_PARAMETER_VALUE', `Path is not a valid volume path: ${path}`);
  if (segments.length < 4)
    throw new DemoHttpError(400, 'INVALID_PARAMETER_VALUE', `Path must name a file in a volume: ${path}`);
  const [catalog, schema, volume, ...rest] = segments as [string, string, string, ...string[]];
  return { catalog, schema, volume, file: rest.join('/') };
}

export class VolumeStore {
  private readonly files = new Map<string, Buffer>();

  /** Checks the volume exists; returns whether it is writable. */
  private volume(path: string): boolean {
    const { catalog, schema, volume } = splitVolumePath(path);
    const schemas = CATALOG[catalog];
    if (!schemas) throw new DemoHttpError(404, 'NOT_FOUND', `Catalog '${catalog}' does not exist.`);
    const volumes = schemas[schema];
    if (!volumes) throw new DemoHttpError(404, 'NOT_FOUND', `Schema '${catalog}.${schema}' does not exist.`);
    const writable = volumes[volume];
    if (writable === undefined)
      throw new DemoHttpError(404, 'NOT_FOUND', `Volume '${catalog}.${schema}.${volume}' does not exist.`);
    return writable;
  }

  put(path: string, content: Buffer, overwrite: boolean): void {
    if (!this.volume(path)) {
      const { catalog, schema, volume } = splitVolumePath(path);
      throw new DemoHttpError(
        403,
        'PERMISSION_DENIED',
        `User does not have WRITE VOLUME on Volume '${catalog}.${schema}.${volume}'.`,
      );
    }
    if (!overwrite && this.files.has(path))
      throw new DemoHttpError(409, 'ALREADY_EXISTS', 'The file being created already exists.');
    this.files.set(path, content);
  }

  /** The file's bytes; 404 NOT_FOUND when the volume or the file does not exist. */
  get(path: string): Buffer {
    this.volume(path);
    const file = this.files.get(path);
    if (!file) throw new DemoHttpError(404, 'NOT_FOUND', 'The file being accessed is not found.');
    return file;
  }

  /** Whether a file exists (the volume must exist). */
  has(path: string): boolean {
    this.volume(path);
    return this.files.has(path);
  }

  delete(path: string): void {
    if (!this.volume(path)) {
      const { catalog, schema, volume } = splitVolumePath(path);
      throw new DemoHttpError(
        403,
        'PERMISSION_DENIED',
        `User does not have WRITE VOLUME on Volume '${catalog}.${schema}.${volume}'.`,
      );
    }
    if (!this.files.delete(path))
      throw new DemoHttpError(404, 'NOT_FOUND', 'The file being accessed is not found.');
  }
}
