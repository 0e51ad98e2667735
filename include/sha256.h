/*
 * sha256.h - SHA-256 (FIPS 180-4), for the fingerprint of a questionnaire file.
 *
 * Streaming: sha256_init(), any number of sha256_update() calls, then sha256_final(). The
 * context holds no pointers and needs no freeing.
 */
#ifndef BACKCHECK_SHA256_H
#define BACKCHECK_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { SHA256_DIGEST_LEN = 32, SHA256_HEX_LEN = 64 };

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the 32-byte digest to out; s must be initialised again before further use. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_DIGEST_LEN]);

/* The digest of len bytes as 64 lowercase hex digits and a NUL, written to hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
