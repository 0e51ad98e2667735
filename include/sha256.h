/*
 * sha256.h - SHA-256 (FIPS 180-4), for the fingerprint of a questionnaire file.
 *
 * A thin adapter over libnettle: no nettle type escapes src/sha256.c.
 */
#ifndef BACKCHECK_SHA256_H
#define BACKCHECK_SHA256_H

#include <stddef.h>

enum { SHA256_HEX_LEN = 64 };

/* The digest of len bytes as 64 lowercase hex digits and a NUL, written to hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
