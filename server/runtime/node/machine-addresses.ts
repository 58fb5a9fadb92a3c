import { networkInterfaces } from 'node:os';
import type { MachineAddress } from '../../app-env';

// Adapter names of VPNs, containers and virtual machines (Windows, macOS, Linux): phones in
// the hall do not reach these, yet they are often listed first (Hyper-V, WSL, VirtualBox…).
const VIRTUAL = /vethernet|hyper-?v|wsl|virtualbox|vbox|vmware|vmnet|docker|podman|br-|veth|virbr|lxc|lxd|cni|flannel|tun|tap|utun|wg\d|wireguard|tailscale|zerotier|zt[0-9a-z]|ham\d|hamachi|radmin|vpn|ppp|ipsec|openvpn|forti|cisco|anyconnect|npcap|loopback|bluetooth|awdl|llw|bridge/i;

const privateIpv4 = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);

/**
 * The machine's IPv4 addresses other than loopback, likeliest to be the hall's network
 * first: real adapters before virtual ones, private LAN ranges before others (a link-local
 * 169.254.x means no DHCP answered), 192.168.x first as office and hall routers use it.
 */
export function machineAddresses(list = networkInterfaces()): MachineAddress[] {
  const found: MachineAddress[] = [];
  for (const [name, nets] of Object.entries(list)) {
    for (const net of nets ?? []) {
      if (net.family !== 'IPv4' || net.internal) continue;
      found.push({ name, address: net.address, virtual: VIRTUAL.test(name) });
    }
  }
  const rank = (a: MachineAddress) => (a.virtual ? 10 : 0) + (a.address.startsWith('192.168.') ? 0 : privateIpv4(a.address) ? 1 : a.address.startsWith('169.254.') ? 3 : 2);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** The address phones on the same Wi-Fi most likely reach, or 'localhost' when there is none. */
export const lanAddress = (list = networkInterfaces()): string => machineAddresses(list)[0]?.address ?? 'localhost';
