import { describe, expect, it } from 'vitest';
import { withoutSecret } from '../without-secret';

const SECRET = 'Rd7Kq2Zr9Xv4Lm8Pn3Ts6Yb1Dc5Fg0Hj';
const percentEncoded = (text: string) =>
  [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');

describe('withoutSecret', () => {
  it.each([
    ['the whole secret in a URL', `POST https://bot.example.com/hook?qontak_secret=${SECRET} failed`],
    ['the secret cut short', `url https://bot.example.com/hook?qontak_secret=${SECRET.slice(0, 11)}...`],
    ['a part from its middle', `at ${SECRET.slice(9, 20)} here`],
    ['its last 8 characters', `tail=${SECRET.slice(-8)}`],
    ['the secret percent-encoded', `?qontak_secret=${percentEncoded(SECRET)}`],
    ['a part half percent-encoded', `${SECRET.slice(0, 5)}${percentEncoded(SECRET.slice(5, 12))}!`],
    ['the secret twice', `${SECRET} and ${SECRET}`],
  ])('redacts %s, leaving no run of 8 of its characters', (_case, text) => {
    const redacted = withoutSecret(text, SECRET);
    expect(redacted).toContain('[redacted]');
    const decoded = decodeURIComponent(redacted);
    for (let start = 0; start + 8 <= SECRET.length; start += 1) {
      expect(decoded).not.toContain(SECRET.slice(start, start + 8));
    }
  });

  it('keeps the text around the secret as it is', () => {
    expect(withoutSecret(`GET /hook?a=1&qontak_secret=${SECRET}&b=%20 (502)`, SECRET)).toBe(
      'GET /hook?a=1&qontak_secret=[redacted]&b=%20 (502)',
    );
  });

  it('leaves text without 8 characters of the secret in a row unchanged', () => {
    const text = `${SECRET.slice(0, 7)} ${SECRET.slice(7, 14)} ${SECRET.toLowerCase()} 100%zz`;
    expect(withoutSecret(text, SECRET)).toBe(text);
  });
});
