// Bech32 (BIP 173) as age uses it: the original checksum constant (not Bech32m), no limit on
// the length of the data part (post-quantum recipients are almost 2,000 characters), and the
// usual rule that a string is all lowercase or all uppercase with the checksum computed over
// the lowercase form.

const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

const CHARSET_INDEX = (() => {
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < CHARSET.length; i++) index[CHARSET.charCodeAt(i)] = i;
  return index;
})();

function polymod(values: ArrayLike<number>, start = 1): number {
  let chk = start;
  for (let i = 0; i < values.length; i++) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ values[i];
    for (let bit = 0; bit < 5; bit++) if ((top >>> bit) & 1) chk ^= GENERATOR[bit];
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

function toWords(bytes: Uint8Array): number[] {
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  return words;
}

function fromWords(words: ArrayLike<number>): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((words.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    acc = ((acc << 5) | words[i]) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be fewer than 5 and all zero: otherwise two strings decode to one key.
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Encodes bytes under a human-readable prefix, in lowercase. */
export function bech32Encode(hrp: string, data: Uint8Array): string {
  const lower = hrp.toLowerCase();
  const words = toWords(data);
  const check = polymod([...hrpExpand(lower), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  let out = `${lower}1`;
  for (const word of words) out += CHARSET[word];
  for (let i = 0; i < 6; i++) out += CHARSET[(check >>> (5 * (5 - i))) & 31];
  return out;
}

/**
 * Decodes a Bech32 string. Returns the lowercase prefix and the bytes, or undefined when the
 * string is not valid Bech32 (mixed case, bad character, bad checksum, bad padding).
 */
export function bech32Decode(text: string): { hrp: string; data: Uint8Array } | undefined {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return undefined;
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf("1");
  if (sep < 1 || sep + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, sep);
  for (let i = 0; i < hrp.length; i++) {
    const c = hrp.charCodeAt(i);
    if (c < 33 || c > 126) return undefined;
  }
  const words = new Uint8Array(lower.length - sep - 1);
  for (let i = 0; i < words.length; i++) {
    const c = lower.charCodeAt(sep + 1 + i);
    const v = c < 128 ? CHARSET_INDEX[c] : -1;
    if (v < 0) return undefined;
    words[i] = v;
  }
  let chk = polymod(hrpExpand(hrp));
  chk = polymod(words, chk);
  if (chk !== 1) return undefined;
  const data = fromWords(words.subarray(0, words.length - 6));
  return data === undefined ? undefined : { hrp, data };
}
