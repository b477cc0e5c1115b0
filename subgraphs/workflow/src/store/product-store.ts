import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where the product store (one directory per site) and the archive (NGAS) live. */
export interface StoreSettings {
  /** Root of the product store: `<productRoot>/<site>/…` (default `.opshub/products`). */
  productRoot: string;
  /** Root of the archive (NGAS) (default `.opshub/archive`). */
  archiveRoot: string;
}

export const DEFAULT_STORE: StoreSettings = {
  productRoot: '.opshub/products',
  archiveRoot: '.opshub/archive',
};

/** The site whose cache the JAO product ingestor reads. */
export const JAO_SITE = 'JAO';

export interface StoredFile {
  /** Relative to the store root (product store or archive). */
  path: string;
  size: number;
  sha256: string;
}

/** `uid://X1/X1/Xb0` → `uid___X1_X1_Xb0`, the way ALMA names OUS directories. */
export function ousDirName(ousId: string): string {
  return ousId.replace(/[^A-Za-z0-9.-]/g, '_');
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256OfBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes via a temporary file and a rename, so a reader never sees half a file. */
async function atomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(4).toString('hex')}.part`;
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * The files of the workflow on disk. Paths recorded in the database are relative (site first for the
 * product store), so the roots can move without rewriting rows.
 */
export class ProductStore {
  readonly productRoot: string;
  readonly archiveRoot: string;

  constructor(settings: StoreSettings) {
    this.productRoot = path.resolve(settings.productRoot);
    this.archiveRoot = path.resolve(settings.archiveRoot);
  }

  /** `<site>/<programId>/<ous dir>/run-<n>`: where one run's files go at a site. */
  runDir(site: string, programId: string, ousId: string, run: number): string {
    return path.posix.join(site, programId, ousDirName(ousId), `run-${run}`);
  }

  /** Where a fully observed OUS's raw data (ASDM) lands in the JAO cache: `JAO/<programId>/<ous dir>/raw/`. */
  rawDataPath(programId: string, ousId: string): string {
    const dir = ousDirName(ousId);
    return path.posix.join(JAO_SITE, programId, dir, 'raw', `${dir}.asdm.xml`);
  }

  /** The same relative path at another site (the replica of `relPath` in `site`'s cache). */
  atSite(relPath: string, site: string): string {
    const [, ...rest] = relPath.split('/');
    return [site, ...rest].join('/');
  }

  productFile(relPath: string): string {
    return this.resolveUnder(this.productRoot, relPath);
  }

  archiveFile(relPath: string): string {
    return this.resolveUnder(this.archiveRoot, relPath);
  }

  async writeProduct(relPath: string, bytes: Buffer): Promise<StoredFile> {
    await atomically(this.productFile(relPath), (tmp) => writeFile(tmp, bytes));
    return { path: relPath, size: bytes.length, sha256: sha256OfBytes(bytes) };
  }

  async hasProduct(relPath: string): Promise<boolean> {
    return stat(this.productFile(relPath)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  readProduct(relPath: string): Promise<Buffer> {
    return readFile(this.productFile(relPath));
  }

  /** Copies a product-store file to another product-store path; returns the copy's checksum. */
  async copyProduct(fromRel: string, toRel: string): Promise<StoredFile> {
    return this.copy(this.productFile(fromRel), this.productFile(toRel), toRel);
  }

  /** Copies a product-store file into the archive; returns the archived copy's checksum. */
  async archive(fromRel: string, archiveRel: string): Promise<StoredFile> {
    return this.copy(this.productFile(fromRel), this.archiveFile(archiveRel), archiveRel);
  }

  async checksumOfProduct(relPath: string): Promise<string> {
    return sha256Of(this.productFile(relPath));
  }

  private async copy(from: string, to: string, relTo: string): Promise<StoredFile> {
    await atomically(to, (tmp) => copyFile(from, tmp));
    const sha256 = await sha256Of(to);
    const { size } = await stat(to);
    return { path: relTo, size, sha256 };
  }

  /** Refuses paths that would leave the root (a recorded path is data, not trusted). */
  private resolveUnder(root: string, relPath: string): string {
    const full = path.resolve(root, relPath);
    if (full !== root && !full.startsWith(`${root}${path.sep}`))
      throw new Error(`Path ${relPath} leaves ${root}`);
    return full;
  }
}
