/*
 * bench/floor.c - the floor for the assessment benchmark: a C program that does nothing but
 * is linked with (and loads) the same libraries as backcheck, so that starting it costs what
 * starting any such process costs.
 */
#include <jansson.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <readline/readline.h>
#include <yaml.h>

int main(void)
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	json_t *j = json_integer(rl_readline_version);
	int rc = yaml_get_version_string()[0] == '\0' || j == NULL;
	json_decref(j);
	return rc;
}
