/**
 * Which configuration applies to a file: the nearest kart.config.json in its folder or above, up to the repository
 * root (the folder holding .git; never above it), or the one file given with --config. Pure: the folders are looked
 * at through the injected reader. Lookups are remembered per folder, so a workspace of thousands of files reads each
 * folder's config once.
 */
import { CONFIG_FILE, defaultConfig, type ResolvedConfig } from './config';
import { loadConfigFile, type ReadExtraSchema, type ReadFile } from './configLoad';
import { dirnameUri } from './core/uri';

export interface ConfigHost {
  readFile: ReadFile;
  /** The workspace's roots: the search goes no higher (kart's root is where its own search stopped, by .git or by owner). */
  roots?: readonly string[];
  /** Reads an extra schema, confined to where the host allows. */
  readExtraSchema?: ReadExtraSchema;
  /** Whether a file or folder exists (for the .git that ends the walk up). */
  exists?(uri: string): Promise<boolean>;
}

/** The folder above `dir`, or undefined at the top (`/`, `file:///`). */
function parentOf(dir: string): string | undefined {
  if (dir === '' || dir === '/' || /^[a-z][a-z0-9+.-]*:\/*$/i.test(dir) || dir.endsWith('://')) return undefined;
  const up = dirnameUri(dir);
  return up === dir ? undefined : up;
}

export class ConfigLookup {
  /** Folder → the config file that applies to files in it (undefined: none, the defaults). */
  private readonly nearest = new Map<string, Promise<string | undefined>>();
  private readonly loaded = new Map<string, Promise<ResolvedConfig>>();
  /** Folder → its resolved configuration, once looked up: what synchronous callers get. */
  private readonly settled = new Map<string, ResolvedConfig>();
  private readonly defaults = defaultConfig();

  constructor(
    private readonly host: ConfigHost,
    /** The --config file: then it applies to every file. */
    readonly fixed?: string,
  ) {}

  /** The configuration of a file (a URI or path), read when first asked. */
  forFile(uri: string): Promise<ResolvedConfig> {
    return this.forFolder(dirnameUri(uri));
  }

  /** The configuration of the files in a folder. */
  async forFolder(dir: string): Promise<ResolvedConfig> {
    const known = this.settled.get(dir);
    if (known) return known;
    const file = this.fixed ?? (await this.configFileOf(dir));
    const config = file === undefined ? this.defaults : await this.load(file);
    this.settled.set(dir, config);
    return config;
  }

  /** The configuration of a file already looked up with forFile; undefined when it has not been. */
  known(uri: string): ResolvedConfig | undefined {
    return this.settled.get(dirnameUri(uri));
  }

  /** Every configuration looked up so far, once each. */
  all(): ResolvedConfig[] {
    return [...new Set(this.settled.values())];
  }

  private load(file: string): Promise<ResolvedConfig> {
    let p = this.loaded.get(file);
    if (!p) {
      p = loadConfigFile(file, this.host.readFile, this.host.readExtraSchema);
      this.loaded.set(file, p);
    }
    return p;
  }

  private configFileOf(dir: string): Promise<string | undefined> {
    let p = this.nearest.get(dir);
    if (!p) {
      p = (async () => {
        const here = `${dir}/${CONFIG_FILE}`;
        if ((await this.host.readFile(here)) !== undefined) return here;
        const git = `${dir}/.git`;
        const atRepositoryRoot = this.host.exists ? await this.host.exists(git) : (await this.host.readFile(git)) !== undefined;
        if (atRepositoryRoot || this.host.roots?.includes(dir)) return undefined;
        const up = parentOf(dir);
        return up === undefined ? undefined : this.configFileOf(up);
      })();
      this.nearest.set(dir, p);
    }
    return p;
  }
}
