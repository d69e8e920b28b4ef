/* SHA-256 (FIPS 180-4), for RFC 4701 DHCIDs and d2j ack ids. */
#ifndef D2J_SHA256_H
#define D2J_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint32_t h[8];
  uint64_t length;     /* octets hashed so far */
  uint8_t block[64];
  size_t used;         /* octets waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, uint8_t out[32]);

#endif
