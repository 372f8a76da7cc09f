import { lookup as resolve } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a delivery may not reach unless private networks are allowed: this machine, private and shared networks,
 * link-local addresses (cloud metadata services among them), and addresses that are not a single host.
 */
const privateAddresses = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateAddresses.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateAddresses.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one deliveries may not reach without `WEBHOOK_ALLOW_PRIVATE_NETWORKS`. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateAddresses.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return privateAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private address deliveries may not reach`);
  }
}

/**
 * A DNS lookup for the connections of deliveries that refuses private addresses. It runs when the connection is
 * made, on the address actually connected to, so a name that resolves differently later cannot slip past a check
 * made earlier.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  resolve(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const list = addresses as unknown as Array<{ address: string; family: number }>;
    const blocked = list.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      callback(new PrivateAddressError(hostname, blocked.address), '', 0);
      return;
    }
    if (options.all) {
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, list);
      return;
    }
    const [first] = list;
    if (!first) {
      callback(new Error(`${hostname} has no address`), '', 0);
      return;
    }
    callback(null, first.address, first.family);
  });
};
