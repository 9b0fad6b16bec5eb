/** Debian's Neovim for the Neovim checks: installed with apt when missing (the caller decides skip or fail: test/needs.ts). */
import { spawnSync } from 'child_process';

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Installs Debian's neovim when `nvim` is missing; throws why when it cannot. */
export function ensureNeovim(): void {
  if (onPath('nvim')) return;
  if (!onPath('apt-get')) throw new Error('nvim is not on PATH and apt-get is not available to install it');
  const apt = (args: string[]) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { encoding: 'utf8', timeout: 480_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const update = apt(['update']);
  if (update.status !== 0) throw new Error(`apt-get update failed (it needs root and the network): ${update.stderr.trim() || update.error?.message}`);
  const install = apt(['install', '-y', '--no-install-recommends', 'neovim']);
  if (install.status !== 0) throw new Error(`apt-get install neovim failed: ${install.stderr.trim() || install.error?.message}`);
  if (!onPath('nvim')) throw new Error('neovim was installed but nvim is not on PATH');
}
