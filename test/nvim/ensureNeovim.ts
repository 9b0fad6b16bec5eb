/** Debian's Neovim for the Neovim checks: installed with apt when missing. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Installs Debian's neovim when `nvim` is missing; returns why it could not, or undefined when nvim is there. */
export function ensureNeovim(): string | undefined {
  if (onPath('nvim')) return undefined;
  if (!onPath('apt-get')) return 'nvim is not installed and apt-get is not available to install it';
  const apt = (args: string[]) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { encoding: 'utf8', timeout: 480_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const update = apt(['update']);
  if (update.status !== 0) throw new Error(`apt-get update failed: ${update.stderr}`);
  const install = apt(['install', '-y', '--no-install-recommends', 'neovim']);
  if (install.status !== 0) throw new Error(`apt-get install neovim failed: ${install.stderr}`);
  assert.ok(onPath('nvim'), 'neovim installed but nvim is not on PATH');
  return undefined;
}

