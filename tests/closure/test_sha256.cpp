// SHA-256 of byte strings (kit::sha256_hex), which plugins report as the
// provenance of their model files: the FIPS 180-2 example vectors and the
// lengths where the padding changes shape.
#include "sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using ember::kit::sha256_hex;

// ---- FIPS 180-2, appendix B -------------------------------------------------

TEST(Sha256, EmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) {
  // B.1: one block
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, TwoBlockMessage448Bits) {
  // B.2: 56 bytes, so the length no longer fits and padding spills into a
  // second block
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, Message896Bits) {
  // The 896-bit (112-byte) vector of FIPS 180-2's SHA-384/512 examples,
  // whose SHA-256 is also published
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionA) {
  // B.3: 15625 blocks
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// ---- padding boundaries -----------------------------------------------------
// Expected digests computed on the development machine with GNU coreutils:
//   head -c N /dev/zero | tr '\0' a | sha256sum

TEST(Sha256, PaddingBoundaries) {
  // 55 bytes: 0x80 and the 8-byte length just fit in the one block
  EXPECT_EQ(sha256_hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  // 56 bytes: the length no longer fits; two padding blocks
  EXPECT_EQ(sha256_hex(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  // 63 bytes: only 0x80 fits in the first block
  EXPECT_EQ(sha256_hex(std::string(63, 'a')),
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  // 64 bytes: exactly one full data block, padding in a block of its own
  EXPECT_EQ(sha256_hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  // 119 and 120 bytes: the same boundary after one full data block
  EXPECT_EQ(sha256_hex(std::string(119, 'a')),
            "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  EXPECT_EQ(sha256_hex(std::string(120, 'a')),
            "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST(Sha256, AllByteValues) {
  // Bytes 0x00..0xff: bytes above 0x7f must not be sign-extended, and an
  // embedded NUL must not end the message. Expected from
  //   python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256)))" | sha256sum
  std::string bytes(256, '\0');
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(static_cast<unsigned char>(i));
  EXPECT_EQ(sha256_hex(bytes), "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

}  // namespace
