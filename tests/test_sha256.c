/* test_sha256.c - SHA-256 against the FIPS 180-4 / NIST example vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void test_sha256_fips_vectors(void **state)
{
	(void)state;
	static const struct {
		const char *msg;
		const char *hex;
	} cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		  "klmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char hex[SHA256_HEX_LEN + 1];
		sha256_hex(cases[i].msg, strlen(cases[i].msg), hex);
		assert_string_equal(hex, cases[i].hex);
	}
}

static void test_sha256_million_a_in_uneven_pieces(void **state)
{
	(void)state;
	char *a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	struct sha256 s;
	unsigned char d[SHA256_DIGEST_LEN];
	sha256_init(&s);
	for (size_t off = 0, n = 1; off < 1000000; off += n, n = n * 3 % 997 + 1)
		sha256_update(&s, a + off, off + n > 1000000 ? 1000000 - off : n);
	sha256_final(&s, d);
	static const unsigned char want[SHA256_DIGEST_LEN] = {
		0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7, 0xe2,
		0x84, 0xd7, 0x3e, 0x67, 0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e,
		0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0,
	};
	assert_memory_equal(d, want, sizeof want);
	char hex[SHA256_HEX_LEN + 1];
	sha256_hex(a, 1000000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_fips_vectors),
		cmocka_unit_test(test_sha256_million_a_in_uneven_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
