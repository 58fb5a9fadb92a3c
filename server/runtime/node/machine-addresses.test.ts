import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddress, machineAddresses } from './machine-addresses';

const v4 = (address: string, internal = false) => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;

describe('machineAddresses', () => {
  it('puts the Wi-Fi before Hyper-V, WSL, VirtualBox and a VPN, whatever order Windows lists them in', () => {
    const list = {
      'vEthernet (WSL)': [v4('172.28.48.1')],
      'VirtualBox Host-Only Network': [v4('192.168.56.1')],
      'OpenVPN TAP-Windows6': [v4('10.8.0.6')],
      'Loopback Pseudo-Interface 1': [v4('127.0.0.1', true)],
      'Wi-Fi': [v4('192.168.1.23'), { ...v4('fe80::1'), family: 'IPv6' } as NetworkInterfaceInfo],
      Ethernet: [v4('169.254.10.2')],
    };
    expect(machineAddresses(list).map((a) => [a.name, a.virtual])).toEqual([
      ['Wi-Fi', false], ['Ethernet', false],
      ['VirtualBox Host-Only Network', true], ['vEthernet (WSL)', true], ['OpenVPN TAP-Windows6', true],
    ]);
    expect(lanAddress(list)).toBe('192.168.1.23');
  });
  it('Linux: docker0 and tailscale0 after eth0; nothing but loopback gives localhost', () => {
    expect(lanAddress({ docker0: [v4('172.17.0.1')], tailscale0: [v4('100.101.1.2')], eth0: [v4('10.0.3.15')] })).toBe('10.0.3.15');
    expect(lanAddress({ lo: [v4('127.0.0.1', true)] })).toBe('localhost');
  });
});
