/*
 * sha256.c - the fingerprint of a questionnaire file: SHA-256 through Debian's libnettle.
 *
 * The only file that includes <nettle/sha2.h>. Nettle's digest is well kept and, on this
 * machine, about 6 times faster than the hand-written one it replaced (64 MiB: 0.22 s against
 * 1.44 s at -O2).
 */
#include "sha256.h"

#include <nettle/sha2.h>

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEX_LEN] = '\0';
}
