import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { describe, test } from "node:test";
import { bcryptPbkdf } from "./bcrypt-pbkdf.ts";
import { Blowfish } from "./blowfish.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("Blowfish", () => {
  test("the initial state is the hex digits of pi (first and last words of P and the S-boxes)", () => {
    const s = new Blowfish().state;
    assert.deepEqual(
      [s[0], s[17], s[18], s[1041]].map((w) => w.toString(16)),
      ["243f6a88", "8979fb1b", "d1310ba6", "3ac372e6"],
    );
  });

  // Eric Young's Blowfish ECB test vectors (key, plaintext, ciphertext).
  for (const [key, plain, cipher] of [
    ["0000000000000000", "0000000000000000", "4ef997456198dd78"],
    ["ffffffffffffffff", "ffffffffffffffff", "51866fd5b85ecb8a"],
    ["3000000000000000", "1000000000000001", "7d856f9a613063f2"],
    ["0123456789abcdef", "1111111111111111", "61f9c3802281b096"],
  ]) {
    test(`encrypt gives ${cipher} for key ${key} and block ${plain}`, () => {
      const blowfish = new Blowfish();
      blowfish.expand(new Uint8Array(Buffer.from(key, "hex")));
      const input = Buffer.from(plain, "hex");
      const block = new Uint32Array([input.readUInt32BE(0), input.readUInt32BE(4)]);
      blowfish.encrypt(block, 0);
      const out = Buffer.alloc(8);
      out.writeUInt32BE(block[0], 0);
      out.writeUInt32BE(block[1], 4);
      assert.equal(out.toString("hex"), cipher);
    });
  }
});

describe("bcryptPbkdf", () => {
  // OpenBSD's regress vectors for bcrypt_pbkdf (password, salt, rounds, expected output).
  const vectors: [string, string, number, string][] = [
    ["password", "salt", 4, "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"],
    ["password", "\0", 4, "c12b566235eee04c212598970a579a67"],
    ["\0", "salt", 4, "6051be18c2f4f82cbf0efee5471b4bb9"],
    ["password\0", "salt\0", 4, "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050"],
    ["pass\0wor", "sa\0l", 4, "c2bffd9db38f6569efef4372f4de83c0"],
    ["pass\0word", "sa\0lt", 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f"],
    [
      "password",
      "salt",
      8,
      "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec76227ea66088b849b20ab7aa478010246e74bba51723fefa9f9474d6508845e8d",
    ],
    ["password", "salt", 42, "833cf0dcf56db65608e8f0dc0ce882bd"],
    [
      "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.",
      "salis\0",
      8,
      "10978b07253df57f71a162eb0e8ad30a",
    ],
  ];
  for (const [password, salt, rounds, expected] of vectors) {
    test(`bcryptPbkdf matches OpenBSD for ${JSON.stringify(password.slice(0, 12))}, ${rounds} rounds, ${expected.length / 2} bytes`, () => {
      assert.equal(
        hex(bcryptPbkdf(bytes(password), bytes(salt), rounds, expected.length / 2)),
        expected,
      );
    });
  }

  test("bcryptPbkdf refuses zero rounds, an empty salt and over-long output", () => {
    assert.throws(() => bcryptPbkdf(bytes("pw"), bytes("salt"), 0, 32), RangeError);
    assert.throws(() => bcryptPbkdf(bytes("pw"), new Uint8Array(0), 4, 32), RangeError);
    assert.throws(() => bcryptPbkdf(bytes("pw"), bytes("salt"), 4, 1025), RangeError);
  });
});
