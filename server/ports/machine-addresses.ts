/** One network address of the machine the server runs on (Node lists them; Workers has none). */
export interface MachineAddress {
  /** Adapter name as the OS gives it ('Wi-Fi', 'eth0', 'vEthernet (WSL)'). */
  name: string;
  address: string;
  /** VPN, container or virtual-machine adapter, as far as its name tells: phones rarely reach it. */
  virtual: boolean;
}
