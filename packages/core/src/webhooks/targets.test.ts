import { describe, expect, test } from 'vitest';
import { isPublicAddress, WebhookTargets } from './targets';

describe('webhook targets', () => {
  test.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['127.255.0.9', 'IPv4 loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.7', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fc00::5', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:a00:1', 'IPv4-mapped private, in hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  test.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  test('anything that is not an IP address is not public', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('[::1]')).toBe(false);
  });

  test('without the flag: https to a name or a public address only', () => {
    const targets = new WebhookTargets(false);
    expect(targets.urlRefusal('https://hooks.example.com/in')).toBeUndefined();
    expect(targets.urlRefusal('https://8.8.8.8/in')).toBeUndefined();
    expect(targets.urlRefusal('https://[2606:4700:4700::1111]/in')).toBeUndefined();
    expect(targets.urlRefusal('http://hooks.example.com/in')).toBe('must be an https URL');
    for (const url of [
      'https://127.0.0.1/in',
      'https://[::1]:8443/in',
      'https://[::ffff:127.0.0.1]/in',
      'https://10.0.0.8/in',
      'https://169.254.169.254/latest/meta-data',
      'https://2130706433/in',
      'https://0x7f.1/in',
      'https://localhost:8443/in',
      'https://api.localhost./in',
    ]) {
      expect(targets.urlRefusal(url), url).toMatch(/^must not point to a loopback, private/);
    }
  });

  test('with the flag: private addresses over http or https; public ones over https', () => {
    const targets = new WebhookTargets(true);
    for (const url of [
      'http://127.0.0.1:8080/in',
      'https://127.0.0.1/in',
      'http://[::1]:8080/in',
      'http://192.168.1.20/in',
      'http://localhost:3000/in',
      'http://receiver.internal/in',
      'https://hooks.example.com/in',
    ]) {
      expect(targets.urlRefusal(url), url).toBeUndefined();
    }
    expect(targets.urlRefusal('http://8.8.8.8/in')).toMatch(/^must be an https URL: plain http/);
  });

  test('resolved addresses are judged with the scheme they are reached by', () => {
    const strict = new WebhookTargets(false);
    expect(strict.addressRefusal('https:', '93.184.216.34')).toBeUndefined();
    expect(strict.addressRefusal('https:', '10.0.0.5')).toMatch(/^must not point/);
    expect(strict.addressRefusal('https:', '::ffff:10.0.0.5')).toMatch(/^must not point/);
    const lenient = new WebhookTargets(true);
    expect(lenient.addressRefusal('http:', '10.0.0.5')).toBeUndefined();
    expect(lenient.addressRefusal('http:', '93.184.216.34')).toMatch(/plain http/);
  });
});
