// Blowfish, only as far as bcrypt needs it: the key schedule (plain and "expensive", with salt)
// and block encryption. node:crypto no longer ships Blowfish (OpenSSL 3 moved it to the legacy
// provider) and @noble/hashes has no bcrypt, so it lives here. This is not a general-purpose
// cipher: nothing outside bcrypt_pbkdf should use it.

/**
 * Blowfish's initial state is the fractional part of pi in hexadecimal: 18 words for the
 * P-array, then 1024 for the four S-boxes. Rather than embed a 4 KiB table, we compute the
 * digits once, on first use, with Machin's formula in BigInt fixed point (about 30 ms). Tests
 * check known words and OpenBSD's bcrypt_pbkdf vectors, which fail on any wrong digit.
 */
function piWords(count: number): Uint32Array {
  const guard = 64;
  const bits = BigInt(count * 32 + guard);
  const one = 1n << bits;
  const arctanInverse = (x: bigint): bigint => {
    const x2 = x * x;
    let term = one / x;
    let sum = term;
    for (let n = 1n; term !== 0n; n++) {
      term /= x2;
      const t = term / (2n * n + 1n);
      sum += n % 2n === 1n ? -t : t;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInverse(5n) - arctanInverse(239n));
  let fraction = (pi & (one - 1n)) >> BigInt(guard);
  const words = new Uint32Array(count);
  for (let i = count - 1; i >= 0; i--) {
    words[i] = Number(fraction & 0xffffffffn);
    fraction >>= 32n;
  }
  return words;
}

let initialState: Uint32Array | undefined;

/** P-array and S-boxes in one array: P at 0..17, S-box k at 18 + 256k. */
export class Blowfish {
  readonly state: Uint32Array;

  constructor() {
    initialState ??= piWords(18 + 1024);
    this.state = initialState.slice();
  }

  /** Encrypts the block `lr[i], lr[i + 1]` in place. */
  encrypt(lr: Uint32Array, i: number): void {
    const s = this.state;
    let l = lr[i];
    let r = lr[i + 1];
    l ^= s[0];
    for (let k = 1; k <= 16; k += 2) {
      // F(x) = ((S0[a] + S1[b]) ^ S2[c]) + S3[d]; the XOR with l/r truncates to 32 bits.
      r ^=
        (((s[18 + (l >>> 24)] + s[274 + ((l >>> 16) & 0xff)]) ^ s[530 + ((l >>> 8) & 0xff)]) +
          s[786 + (l & 0xff)]) ^
        s[k];
      l ^=
        (((s[18 + (r >>> 24)] + s[274 + ((r >>> 16) & 0xff)]) ^ s[530 + ((r >>> 8) & 0xff)]) +
          s[786 + (r & 0xff)]) ^
        s[k + 1];
    }
    lr[i] = r ^ s[17];
    lr[i + 1] = l;
  }

  /**
   * The bcrypt key schedule step: XOR the key into the P-array, then replace P and the S-boxes
   * with successive encryptions, each first XORed with the next words of `data` (the salt).
   * Without `data` this is the plain Blowfish key schedule (OpenBSD's expand0state).
   */
  expand(key: Uint8Array, data?: Uint8Array): void {
    const s = this.state;
    const keyStream = new WordStream(key);
    for (let i = 0; i < 18; i++) s[i] ^= keyStream.next();
    const dataStream = data && new WordStream(data);
    const block = new Uint32Array(2);
    for (let i = 0; i < s.length; i += 2) {
      if (dataStream) {
        block[0] ^= dataStream.next();
        block[1] ^= dataStream.next();
      }
      this.encrypt(block, 0);
      s[i] = block[0];
      s[i + 1] = block[1];
    }
  }
}

/** Big-endian 32-bit words read cyclically from a byte string (Blowfish_stream2word). */
class WordStream {
  #pos = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  next(): number {
    let word = 0;
    for (let i = 0; i < 4; i++) {
      word = (word << 8) | this.#bytes[this.#pos];
      this.#pos = (this.#pos + 1) % this.#bytes.length;
    }
    return word >>> 0;
  }
}
