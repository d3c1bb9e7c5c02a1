import { addressBlock } from '../../shared/domain/address-block';

// Finding: "per-address limits key on the full IPv6 address (a /64 rotates freely)".
describe('per-address limits key on the full IPv6 address: addressBlock folds one caller’s addresses to one key', () => {
  test.each([
    ['an IPv6 address to its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['every address of that /64 alike, however written', '2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['a compressed prefix', '2001:db8::1', '2001:db8:0:0::/64'],
    ['an address with a zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['an IPv4 address unchanged', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address to its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped address written in hex alike', '::ffff:cb00:7107', '203.0.113.7'],
    ['what is not an address unchanged', 'not-an-address', 'not-an-address'],
  ])('%s', (_name, address, block) => {
    expect(addressBlock(address)).toBe(block);
  });

  test('the next /64 is another caller', () => {
    expect(addressBlock('2001:db8:1:3::1')).not.toBe(addressBlock('2001:db8:1:2::1'));
  });
});
